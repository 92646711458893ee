// The program of the capture e2e test (test/e2e/ui/capture.test.mjs): a map[string]int that stops
// twice, at each runtime.Breakpoint(), which Delve reports as a breakpoint with main.main on top.
// First stop: 100 entries, user-000 … user-099 = 3*i. Second stop: 50 more (user-100 … user-149),
// user-000 deleted, user-001 set to -1: 149 entries.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	visits := make(map[string]int)
	for i := 0; i < 100; i++ {
		visits[fmt.Sprintf("user-%03d", i)] = 3 * i
	}
	runtime.Breakpoint()
	for i := 100; i < 150; i++ {
		visits[fmt.Sprintf("user-%03d", i)] = 3 * i
	}
	delete(visits, "user-000")
	visits["user-001"] = -1
	runtime.Breakpoint()
	fmt.Println(len(visits))
}
