package main

const N = -1

var m = map[[2.5]int]int{}

func main() {}
