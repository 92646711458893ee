package main

var m = map[string]struct{}{"a": {}, "b": struct{}{}, "c": {}}

func main() {}
