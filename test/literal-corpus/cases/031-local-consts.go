package main

const n = 1

func main() {
	const n = 2
	const (
		p = n * iota
		q
	)
	m := map[int]string{n: "two", p: "zero", q + 1: "three"}
	_ = m
}
