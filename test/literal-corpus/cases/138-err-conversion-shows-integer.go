package main

var m = map[int]int{int(1e20): 1, int8(1e3): 2}

func main() {}
