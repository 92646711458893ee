package main

type P struct{ X int }

var m = map[string]P{"a": {false: 1}, "b": {nil: 2}, "c": {(X): 3}}

func main() {}
