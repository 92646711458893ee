package main

var m = map[float64]int{1.0 / 0.0: 1}

func main() {}
