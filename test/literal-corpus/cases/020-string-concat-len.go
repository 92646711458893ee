package main

var m = map[string]int{"a" + "b": len("abc"), "x" + `y` + "z": len("héllo"), "": len("")}

func main() {}
