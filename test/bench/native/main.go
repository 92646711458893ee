// The native side of `npm run bench`: the same loop as `gomap bench inserts`, on a real map.
// int64 keys 0..n-1 into map[int64]int64, or string keys "k0".."k<n-1>" (built inside the timed
// loop, as the simulator's loop builds them) into map[string]int64. Built with Go 1.19 it measures
// the classic map, with Go 1.24+ the Swiss table. Prints {"n": N, "ms": ...} like the simulator.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// cpuMs is the CPU time the process (all threads) has used so far, in milliseconds.
func cpuMs() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

var (
	sinkInt map[int64]int64
	sinkStr map[string]int64
)

func main() {
	n := flag.Int("n", 1000000, "inserts")
	hint := flag.Int("hint", 0, "make hint")
	keys := flag.String("keys", "int64", "int64 or string")
	flag.Parse()
	var ms float64
	c0 := cpuMs()
	switch *keys {
	case "int64":
		t := time.Now()
		m := make(map[int64]int64, *hint)
		for i := 0; i < *n; i++ {
			m[int64(i)] = int64(i)
		}
		ms = float64(time.Since(t).Microseconds()) / 1000
		sinkInt = m
	case "string":
		t := time.Now()
		m := make(map[string]int64, *hint)
		for i := 0; i < *n; i++ {
			m["k"+strconv.Itoa(i)] = int64(i)
		}
		ms = float64(time.Since(t).Microseconds()) / 1000
		sinkStr = m
	default:
		fmt.Fprintf(os.Stderr, "-keys must be int64 or string, got %q\n", *keys)
		os.Exit(2)
	}
	cpu := cpuMs() - c0
	fmt.Printf("{\"n\": %d, \"ms\": %.1f, \"cpuMs\": %.1f}\n", *n, ms, cpu)
}
