package main

var m = map[bool]int{true: 1, 1 == 1: 2}

func main() {}
