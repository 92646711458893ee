package main

type P struct{ X, Y int }

var m = map[P]int{{1, 2, 3}: 1}

func main() {}
