package main

var m = map[string]int{
	// leading comment
	"a": 1, /* inline */ "b": 2,
	"c": /* before value */ 3, // trailing
}

func main() {}
