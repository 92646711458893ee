module captureprog

go 1.19
