package main

var m = map[int]int{1.5: 1, 2.0: 2}

func main() {}
