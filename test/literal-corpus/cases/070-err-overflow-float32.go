package main

var m = map[float32]int{1e100: 1}
var n = map[string]float64{"x": 1e309}

func main() {}
