module capturedemo

go 1.26
