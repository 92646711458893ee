package main

var m = map[uintptr]int{1<<64 - 1: 1, 0: 2}

func main() {}
