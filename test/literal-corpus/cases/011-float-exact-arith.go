package main

var m = map[string]float64{"a": 0.1 + 0.2, "b": (0.1 + 0.2) * 10, "c": 1e100 / 1e99, "d": 1e-400 * 1e400, "e": 1 << 62 * 2.0}

func main() {}
