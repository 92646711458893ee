package main

type P struct{ X, Y int }

var m = map[string]P{"a": {Z: 1}, "b": P{X: 1, X: 2}}

func main() {}
