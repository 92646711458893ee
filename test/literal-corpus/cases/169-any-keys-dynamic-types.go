package main

var m = map[any]string{1: "int", int64(1): "int64", int8(1): "int8", 1.0: "float64", uint(1): "uint", byte(1): "uint8", nil: "nil", [2]any{1, "x"}: "array"}

func main() {}
