package main

var m = map[interface{}]int{1.0: 1, 1: 2, 1.5: 3, 1.5: 4}

func main() {}
