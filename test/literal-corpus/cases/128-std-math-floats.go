package main

import "math"

var m = map[string]float64{"pi": math.Pi, "e": math.E, "maxf32": math.MaxFloat32, "tiny": math.SmallestNonzeroFloat64, "log2e": math.Log2E, "max": math.MaxFloat64, "sqrt2/2": math.Sqrt2 / 2}

func main() {}
