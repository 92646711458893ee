package main

var m = map[int32]int{'a': 1, 97: 2}

func main() {}
