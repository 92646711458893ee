package main

var m = map[int]int{1 / 0: 1, 10 % 0: 2}

func main() {}
