package main

const N = -1

var m = map[[N]int]int{}

func main() {}
