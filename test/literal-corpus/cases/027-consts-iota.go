package main

const (
	A = iota * 10
	B
	C
	_
	E
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

var m = map[int]string{A: "A", B: "B", C: "C", E: "E", KB: "KB", MB: "MB", GB: "GB"}

func main() {}
