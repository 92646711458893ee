package main

type Names []string

var m = map[int]Names{1: {"a", "b"}, 2: Names{"c"}, 3: nil, 4: []string{"d"}}

func main() {}
