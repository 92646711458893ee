package main

var m = map[string]int{-"a": 1, "b": !1}

func main() {}
