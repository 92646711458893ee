package main

var m = map[bool]string{true: "yes", false: "no"}

func main() {}
