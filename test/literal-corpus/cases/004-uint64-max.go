package main

var m = map[uint64]string{18446744073709551615: "max", 1 << 63: "half", 0: "zero"}

func main() {}
