package main

var m = map[map[string]int]int{}

func main() {}
