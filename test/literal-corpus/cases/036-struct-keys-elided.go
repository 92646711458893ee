package main

type Point struct{ X, Y int }

var m = map[Point]string{{1, 2}: "a", {X: 3}: "b", {Y: -1, X: 0}: "c", Point{5, 6}: "d", {}: "origin"}

func main() {}
