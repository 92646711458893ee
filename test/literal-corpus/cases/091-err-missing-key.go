package main

var m = map[string]int{"a": 1, 2}

func main() {}
