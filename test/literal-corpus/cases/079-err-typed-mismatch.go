package main

type MyInt int

var m = map[int]string{MyInt(1): "a", int8(2): "b"}
var n = map[MyInt]int{int(3): 1}

func main() {}
