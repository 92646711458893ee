package main

var m = map[int]int{1: &^2}

func main() {}
