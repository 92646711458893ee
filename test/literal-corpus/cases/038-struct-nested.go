package main

type Inner struct{ A, B int8 }
type Outer struct {
	In   Inner
	Tags [2]string
	Ok   bool
}

var m = map[int]Outer{1: {Inner{1, 2}, [2]string{"x", "y"}, true}, 2: {In: Inner{B: 9}}, 3: {Tags: [2]string{1: "second"}}}

func main() {}
