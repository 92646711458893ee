package main

var m = map[int8]int{100 + 200: 1, 1 << 7: 2}

func main() {}
