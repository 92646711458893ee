package main

type P struct{ X, Y int }

var m = map[P]int{{1, 2, 3}: 1}
var n = map[string]P{"a": P{1, 2, 3}}

func main() {}
