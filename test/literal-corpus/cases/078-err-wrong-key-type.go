package main

var m = map[int]string{"one": "1", true: "t"}

func main() {}
