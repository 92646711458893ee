package main

type P struct {
	B byte
	S string
}

var m = map[int]P{1: {B: 256}, 2: {S: 3}}

func main() {}
