package main

var m = map[string]int{"a" + 1: 1}

func main() {}
