package main

var m = map[float32]int{0.1: 1, 0.10000000001: 2}

func main() {}
