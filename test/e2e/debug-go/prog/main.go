// The program of the capture e2e test (test/e2e/ui/capture.test.mjs): a map[string]int that stops
// twice, at each runtime.Breakpoint(), which Delve reports as a breakpoint with main.main on top.
// First stop: 100 entries, user-000 … user-099 = 3*i. Second stop: 50 more (user-100 … user-149),
// user-000 deleted, user-001 set to -1: 149 entries. thousand and big (1,000 and 10,000 int64
// entries, i → -i) time a capture through the editor.
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
	thousand := make(map[int64]int64)
	for i := int64(0); i < 1000; i++ {
		thousand[i] = -i
	}
	big := make(map[int64]int64)
	for i := int64(0); i < 10000; i++ {
		big[i] = -i
	}
	runtime.Breakpoint()
	for i := 100; i < 150; i++ {
		visits[fmt.Sprintf("user-%03d", i)] = 3 * i
	}
	delete(visits, "user-000")
	visits["user-001"] = -1
	runtime.Breakpoint()
	fmt.Println(len(visits), len(thousand), len(big))
}
