package main

var m = map[int]string{0: "zero", 42: "answer", 1_000_000: "million", -7: "neg"}

func main() {}
