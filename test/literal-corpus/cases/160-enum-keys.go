package main

type Level uint8

const (
	Debug Level = iota + 1
	Info
	Warn
	Error
)

type Color string

const (
	Red   Color = "red"
	Green Color = "green"
)

var m = map[Level]Color{Debug: Green, Info: Green, Warn: Red, Error: Red + "dish"}

func main() {}
