package main

var m = map[any]int{any((1 << 70)): 1, any(1e400): 2}

func main() {}
