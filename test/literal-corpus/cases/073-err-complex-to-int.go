package main

var m = map[int]int{1i: 1}
var n = map[float64]int{1 + 1i: 2}

func main() {}
