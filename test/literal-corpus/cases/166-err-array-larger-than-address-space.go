package main

var m = map[[1 << 62]byte]int{}

func main() {}
