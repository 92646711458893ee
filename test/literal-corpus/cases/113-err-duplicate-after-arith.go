package main

var m = map[int]int{^0: 1, -7 % 3: 2, 0.5i * 2 * -1i: 3, 1: 4}

func main() {}
