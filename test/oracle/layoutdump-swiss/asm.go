package main

// The assign path the compiler chose for each pair, read from the oracle's own machine code:
// run.ts disassembles the binary (`go tool objdump -s '^main\.assign[0-9]+$'`) and passes the
// listing with -asm. Each generated function assignN is `m[k] = v` for pair N and calls exactly
// one of runtime.mapassign, mapassign_fast32, _fast32ptr, _fast64, _fast64ptr or _faststr.

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
)

var (
	textLine   = regexp.MustCompile(`^TEXT main\.assign(\d+)\(SB\)`)
	assignCall = regexp.MustCompile(`CALL runtime\.mapassign(_fast32ptr|_fast32|_fast64ptr|_fast64|_faststr)?\(SB\)`)
)

// readAssignPaths maps pair index to "slow", "fast32", ... from an objdump listing.
func readAssignPaths(file string) (map[int]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	paths := map[int]string{}
	current := -1
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := textLine.FindStringSubmatch(line); m != nil {
			current, _ = strconv.Atoi(m[1])
			continue
		}
		m := assignCall.FindStringSubmatch(line)
		if m == nil || current < 0 {
			continue
		}
		path := "slow"
		if m[1] != "" {
			path = m[1][1:]
		}
		if old, ok := paths[current]; ok && old != path {
			return nil, fmt.Errorf("assign%d calls both mapassign %s and %s", current, old, path)
		}
		paths[current] = path
	}
	return paths, sc.Err()
}
