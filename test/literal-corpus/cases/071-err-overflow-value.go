package main

var m = map[string]uint16{"a": 70000, "b": -5}

func main() {}
