package main

import "math"

type P struct{ X, Y float64 }

var m = map[P]int{{math.NaN(), 1}: 1, {math.NaN(), 1}: 2, {1, math.Inf(-1)}: 3, {0, 1}: 4}

func main() {}
