package main

var m = map[[3]int]string{{1, 2, 3}: "a", [3]int{4}: "b", {2: 9}: "c", [...]int{7, 8, 9}: "d"}

func main() {}
