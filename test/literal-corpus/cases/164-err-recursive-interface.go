package main

type I interface{ I }

var m = map[I]int{}

func main() {}
