package main

type Node struct{ V int }

var m = map[string]*Node{"a": {1}, "b": &Node{2}, "c": nil, "d": {V: 4}}

func main() {}
