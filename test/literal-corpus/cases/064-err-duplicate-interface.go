package main

var m = map[any]int{1: 1, int8(1): 2, 1: 3, "1": 4, int8(1): 5}

func main() {}
