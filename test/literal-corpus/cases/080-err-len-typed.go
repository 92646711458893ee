package main

var m = map[int8]int{len("abc"): 1}

func main() {}
