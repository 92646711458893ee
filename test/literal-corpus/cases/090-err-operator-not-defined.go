package main

var m = map[string]int{-"a": 1, "b": !1}
var n = map[bool]int{^true: 1}

func main() {}
