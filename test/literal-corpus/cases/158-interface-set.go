package main

var m = map[interface{}]struct{}{1: {}, "1": {}, 1.0 + 0i: {}, [1]int{1}: {}, struct{ A int }{1}: {}}

func main() {}
