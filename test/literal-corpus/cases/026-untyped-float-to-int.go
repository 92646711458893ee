package main

var m = map[int]string{1e3: "thousand", 2.0: "two", 1e18: "e18", 3.0 * 2.5 * 2: "15"}

func main() {}
