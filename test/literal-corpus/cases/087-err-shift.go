package main

var m = map[int]int{1 << -1: 1, 1.5 << 2: 2, 1 << 1.5: 3}

func main() {}
