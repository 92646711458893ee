package main

type S struct{ L []int }

var m = map[S]int{}

func main() {}
