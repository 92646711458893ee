package main

const third = 1.0 / 3
const x = third * 3

var m = map[string]float64{"third": third, "x": x, "huge": 1e300 * 1e300 / 1e300}

func main() {}
