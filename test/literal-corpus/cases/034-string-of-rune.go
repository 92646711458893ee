package main

var m = map[string]int{string(rune(65)): 1, string(rune(0x4e16)): 2, string(rune(-1)): 3}

func main() {}
