module capturebench

go 1.19
