package main

var m = map[int]int{iota: 1}

func main() {}
