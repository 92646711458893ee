// Command capturebench holds the maps test/bench/capture.mjs captures at the line marked BREAK:
// 1,000 and 10,000 entries of map[int64]int64 (keys decoded from raw words) and of
// map[string]string (every key and elem formatted by Delve).
package main

import "fmt"

func main() {
	i1k, i10k := ints(1000), ints(10000)
	s1k, s10k := strs(1000), strs(10000)
	fmt.Println(len(i1k), len(i10k), len(s1k), len(s10k)) // BREAK
}

func ints(n int) map[int64]int64 {
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)*7919] = int64(i)
	}
	return m
}

func strs(n int) map[string]string {
	m := make(map[string]string)
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("key-%d", i)] = fmt.Sprintf("value-%d", i*i)
	}
	return m
}
