package main

var m = map[int32]int{'a': 1, 97: 2}
var n = map[bool]int{true: 1, 1 == 1: 2}

func main() {}
