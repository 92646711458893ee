package main

var m = map[int]int{int(1.5): 1}

func main() {}
