package main

var m = map[string]int{"a" + 1: 1}
var n = map[int]int{int8(1) + int16(2): 1}

func main() {}
