package main

var m = map[uint]int{-1: 1}

func main() {}
