package main

const N = -1

var m = map[[N]int]int{}
var n = map[[2.5]int]int{}

func main() {}
