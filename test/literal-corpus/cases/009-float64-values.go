package main

var m = map[string]float64{"third": 1.0 / 3, "tenth": 0.1, "big": 1e308, "tiny": 5e-324, "neg": -2.5, "int": 7, "rune": 'x'}

func main() {}
