package main

var m = map[int32]int{'a' + 1: 1, 'z' - 'a': 2, '0' * 2: 3}

func main() {}
