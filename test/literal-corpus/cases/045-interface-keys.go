package main

var m = map[interface{}]string{1: "int", "1": "string", 1.5: "float", true: "bool", int8(1): "int8", 'a': "rune", 2i: "complex", [2]int{1, 2}: "array"}

func main() {}
