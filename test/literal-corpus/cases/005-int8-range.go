package main

var m = map[int8]int8{-128: 127, 127: -128, 0: 0}

func main() {}
