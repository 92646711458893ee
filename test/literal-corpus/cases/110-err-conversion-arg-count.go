package main

var m = map[int]int{int(): 1, int(1, 2): 2}

func main() {}
