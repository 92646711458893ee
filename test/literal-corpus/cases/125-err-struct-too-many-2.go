package main

type P struct{ X, Y int }

var m = map[string]P{"a": P{1, 2, 3}}

func main() {}
