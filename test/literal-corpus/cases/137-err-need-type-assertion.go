package main

var m = map[int]int{any(1): 1, int(any(2)): 2}

func main() {}
