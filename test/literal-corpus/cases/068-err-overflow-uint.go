package main

var m = map[uint8]int{-1: 1, 256: 2}

func main() {}
