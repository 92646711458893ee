module gomapinspector/bench/native

go 1.19
