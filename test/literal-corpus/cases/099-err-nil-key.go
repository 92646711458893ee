package main

var m = map[int]string{nil: "x"}

func main() {}
