package main

var m = map[int]string{nil: "x"}
var n = map[string]*int{"a": nil}

func main() {}
