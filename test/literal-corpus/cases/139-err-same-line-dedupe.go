package main

var m = map[string][3]int{"a": {nil, nil, 1.5}, "b": {nil}}

func main() {}
