package main

var m = map[func()]int{}

func main() {}
