package main

type K struct{ A int }

var m = map[K]int{{1}: 1, {1}: 2, K{2}: 3}

func main() {}
