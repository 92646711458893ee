package main

var m = map[string]int{"a\qb": 1}

func main() {}
