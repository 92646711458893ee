package main

func main() {
	type T struct {
		S string
		N int
	}
	m := map[T][]T{{"a", 1}: {{"b", 2}, {N: 3}}}
	_ = m
}
