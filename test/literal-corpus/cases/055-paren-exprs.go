package main

var m = map[int]int{(1): (2), ((3 + 4)) * 2: -(5), +6: ^(-7)}

func main() {}
