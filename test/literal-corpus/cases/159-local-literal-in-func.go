package main

func lookup() map[string]int {
	const base = 100
	type pair struct{ a, b int }
	_ = pair{}
	return map[string]int{
		"a": base + 1,
		"b": base * 2,
		"c": base << 2,
	}
}

func main() { _ = lookup() }
