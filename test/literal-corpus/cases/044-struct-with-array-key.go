package main

type Key struct {
	ID   uint32
	Tags [2]byte
	Name string
}

var m = map[Key]int{{1, [2]byte{'a', 'b'}, "one"}: 1, {ID: 2}: 2, {Name: "three", Tags: [2]byte{1: 'z'}}: 3}

func main() {}
