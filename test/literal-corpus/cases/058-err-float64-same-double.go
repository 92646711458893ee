package main

var m = map[float64]int{0.1: 1, 0.10000000000000001: 2}

func main() {}
