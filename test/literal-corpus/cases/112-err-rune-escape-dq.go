package main

var m = map[rune]string{'a': "a", '\"': "dq"}

func main() {}
