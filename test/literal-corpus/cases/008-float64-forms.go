package main

var m = map[float64]string{1.5: "a", .25: "b", 1e3: "c", 6.02214076e23: "d", 1E-3: "e", 0x1p-2 + 1: "f", 0x1.8p1: "g", 1_000.000_1: "h"}

func main() {}
