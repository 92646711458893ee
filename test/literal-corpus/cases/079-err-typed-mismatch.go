package main

type MyInt int

var m = map[int]string{MyInt(1): "a", int8(2): "b"}

func main() {}
