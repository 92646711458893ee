package main

type I interface {
	J
	M()
}
type J interface{ K }
type K interface{ J }

var m = map[int]I{}

func main() {}
