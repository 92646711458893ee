package main

var m = map[int]string{1 << 100 >> 98: "4", (1<<200 - 1) >> 199: "1", 1e30 / 1e29: "10"}

func main() {}
