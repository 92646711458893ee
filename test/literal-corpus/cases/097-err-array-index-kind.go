package main

var m = map[string][3]int{"a": {-1: 1}, "b": {1.5: 2}, "c": {"x": 3}}

func main() {}
