package main

var m = map[float64]int{1 + 1i: 2}

func main() {}
