package main

var m = map[string]float64{"x": 1e309}

func main() {}
