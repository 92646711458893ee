package main

var m = map[int]int{1 << 600: 1}

func main() {}
