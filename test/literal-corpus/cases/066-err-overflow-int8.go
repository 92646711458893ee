package main

var m = map[int8]int{300: 1, -129: 2, 127: 3}

func main() {}
