package main

type Item struct {
	Name  string
	Count int
	_     int
	Price float64
}

var m = map[string]Item{"a": {"apple", 3, 0, 0.5}, "b": {Name: "banana"}, "c": {Price: 1e2, Count: -1}}

func main() {}
