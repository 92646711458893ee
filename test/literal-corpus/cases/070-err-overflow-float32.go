package main

var m = map[float32]int{1e100: 1}

func main() {}
