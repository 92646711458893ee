package main

// The assign path the compiler chose for each pair, read from the oracle's own machine code:
// run.ts disassembles the binary (`go tool objdump -s '^main\.assign[0-9]+$'`), finds which of
// runtime.mapassign, mapassign_fast32, _fast32ptr, _fast64, _fast64ptr or _faststr each generated
// assignN (`m[k] = v` for pair N) calls, and passes the result with -assign as a JSON object
// {"N": "fast64", ...}.

import (
	"encoding/json"
	"os"
	"strconv"
)

func readAssignPaths(file string) (map[int]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var byName map[string]string
	if err := json.Unmarshal(data, &byName); err != nil {
		return nil, err
	}
	paths := map[int]string{}
	for k, v := range byName {
		i, err := strconv.Atoi(k)
		if err != nil {
			return nil, err
		}
		paths[i] = v
	}
	return paths, nil
}
