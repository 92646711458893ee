package main

var m = map[int]int{int("x"): 1}

func main() {}
