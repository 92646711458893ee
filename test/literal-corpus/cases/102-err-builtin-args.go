package main

var m = map[int]int{len("a", "b"): 1, len(): 2}

func main() {}
