package main

var m = map[int]int{1 << 2000: 1}

func main() {}
