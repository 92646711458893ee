package main

var first = map[int]int{1: 1}
var second = map[int]string{2: "two"} //gomap:at 4:14

func main() {}
