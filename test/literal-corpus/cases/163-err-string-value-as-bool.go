package main

var m = map[string]bool{"x": string([]byte("a")) + "b"}

func main() {}
