package main

var m = map[int]string{3.0 * 2.5: "7.5"}

func main() {}
