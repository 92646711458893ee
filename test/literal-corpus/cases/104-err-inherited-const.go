package main

const (
	A int8 = 100 * iota
	B
	C
)

var m = map[int8]int{A: 1, B: 2, C: 3}

func main() {}
