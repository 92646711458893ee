package main

type Level uint8

const Debug Level = 1

var m = map[Level]string{Debug: "d", 2: "two", int(3): "three", Level(256): "big"}

func main() {}
