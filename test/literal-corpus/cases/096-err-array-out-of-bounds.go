package main

var m = map[string][2]int{"a": {1, 2, 3}, "b": {5: 1}, "c": {0: 1, 0: 2}}

func main() {}
