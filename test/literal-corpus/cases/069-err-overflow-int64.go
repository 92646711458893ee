package main

var m = map[int]int{1 << 63: 1, 1 << 70: 2}

func main() {}
