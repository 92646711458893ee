package main

const (
	a, b = iota, iota * 100
	c, d
	e, f = "e", 'f'
	g, h
)

var m = map[string]int{"a": a, "b": b, "c": c, "d": d, "f": f, "h": h, e + g: 0}

func main() {}
