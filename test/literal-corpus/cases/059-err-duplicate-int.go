package main

var m = map[int]string{1: "a", 2: "b", 1: "c", 0x2: "d"}

func main() {}
