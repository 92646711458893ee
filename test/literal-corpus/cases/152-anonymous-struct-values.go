package main

var m = map[string]struct {
	X, Y int
	Tag  string
}{"a": {1, 2, "p"}, "b": {Y: 3}}

func main() {}
