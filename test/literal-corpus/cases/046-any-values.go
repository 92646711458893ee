package main

type P struct{ A int }

var m = map[string]any{"int": 1, "float": 2.5, "str": "s", "nil": nil, "rune": 'r', "struct": P{7}, "uint": uint(3), "bool": false, "arr": [2]bool{true}}

func main() {}
