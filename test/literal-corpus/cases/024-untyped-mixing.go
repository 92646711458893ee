package main

var m = map[float64]int{1 + 0.5: 1, 3 / 4.0: 2, 2 * 'a': 3, 1e2 + 1: 4}

func main() {}
