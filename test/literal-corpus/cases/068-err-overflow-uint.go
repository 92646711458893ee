package main

var m = map[uint8]int{-1: 1, 256: 2}
var n = map[uint]int{-1: 1}

func main() {}
