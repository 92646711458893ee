package main

var m = map[string][5]int{"a": {1, 2}, "b": {4: 4, 1: 1}, "c": {2: 2, 3, 4}, "d": [...]int{0, 1, 2, 3, 4}}

func main() {}
