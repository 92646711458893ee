package main

type Names []string
type Index map[string]int

var m = map[string]map[string][]int{"a": {"x": {1, 2}}, "b": nil, "c": {}}

var _ = Names{}
var _ = Index{}

func main() {}
