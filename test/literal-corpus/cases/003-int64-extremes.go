package main

var m = map[int64]bool{9223372036854775807: true, -9223372036854775808: false, 1 << 53: true, 1<<53 + 1: false}

func main() {}
