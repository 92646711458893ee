package main

var m = map[int]int{int8(1) + int16(2): 1}

func main() {}
