package main

var m = map[string]int{"\400": 1}

func main() {}
