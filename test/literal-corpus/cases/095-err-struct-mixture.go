package main

type P struct{ X, Y int }

var m = map[string]P{"a": {X: 1, 2}}

func main() {}
