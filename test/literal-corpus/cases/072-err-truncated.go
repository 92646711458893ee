package main

var m = map[int]int{1.5: 1, 2.0: 2}
var n = map[string]uint8{"x": 2.5}

func main() {}
