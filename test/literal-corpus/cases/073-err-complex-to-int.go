package main

var m = map[int]int{1i: 1}

func main() {}
