// The native side of `npm run bench`: the same loop as `gomap bench inserts`, on a real map.
// Prints {"n": N, "ms": ...} like the simulator's benchmark.
package main

import (
	"flag"
	"fmt"
	"time"
)

var sink map[int64]int64

func main() {
	n := flag.Int("n", 1000000, "inserts")
	hint := flag.Int("hint", 0, "make hint")
	flag.Parse()
	t := time.Now()
	m := make(map[int64]int64, *hint)
	for i := 0; i < *n; i++ {
		m[int64(i)] = int64(i)
	}
	ms := float64(time.Since(t).Microseconds()) / 1000
	sink = m
	fmt.Printf("{\"n\": %d, \"ms\": %.1f}\n", *n, ms)
}
