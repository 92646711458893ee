package main

var m = map[complex128]int{1: 1, 1.0: 2, 1 + 0i: 3, 2i: 4, 2i: 5}

func main() {}
