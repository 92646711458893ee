package main

var m = map[map[string]int]int{}
var n = map[func()]int{}

func main() {}
