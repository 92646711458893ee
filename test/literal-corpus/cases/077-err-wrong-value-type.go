package main

var m = map[string]int{"a": "b", "c": true, "d": 1.5}

func main() {}
