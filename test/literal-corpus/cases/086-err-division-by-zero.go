package main

var m = map[int]int{1 / 0: 1, 10 % 0: 2}
var n = map[float64]int{1.0 / 0.0: 1}

func main() {}
