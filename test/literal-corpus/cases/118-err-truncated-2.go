package main

var m = map[string]uint8{"x": 2.5}

func main() {}
