package main

var m = map[[2][2]int]bool{{{1, 2}, {3, 4}}: true, {{0}, {1: 5}}: false}

func main() {}
