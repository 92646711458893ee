// Command captureprog builds maps in the states the capture tests need (mid-growth, overflow
// chains, tombstones, several tables, string, struct and >128-byte keys and elems, a map in a
// struct field, a global, a map inside a map, a small map, a nil map), writes the runtime's own
// view of each, read through unsafe (dump_classic.go, dump_swiss.go), to the file named by its
// first argument (if any), and then reaches the line marked BREAK, where the test captures every map
// through Delve and compares the two field by field.
//
// The same source builds with Go 1.19 (classic hmap) and Go 1.24+ (Swiss tables).
package main

import (
	"fmt"
	"os"
	"strings"
)

// K is a struct key: Delve prints it `main.K {A: 1, B: "x"}`.
type K struct {
	A int32
	B string
}

// V is a struct elem.
type V struct {
	X int64
	Y bool
}

// Holder keeps a map in a struct field.
type Holder struct {
	Name string
	M    map[int32]string
}

var gmap = map[uint16]bool{}

func main() {
	// Classic: stop inserting while the map is growing, so old buckets and nevacuate show.
	grow := make(map[int64]int64)
	for i := int64(0); len(grow) < 1000; i++ {
		grow[i*3] = -i
		if len(grow) >= 800 && growing(grow) {
			break
		}
	}
	grow[-1] = 1 << 60 // an elem beyond 2^53 (a decimal string in the dump)

	// 6.25 entries per bucket at B = 8: overflow chains and preallocated overflow buckets.
	ovf := make(map[int64]int64)
	for i := int64(0); i < 1600; i++ {
		ovf[i] = i
	}

	// Swiss: a 1024-slot table with growthLeft near 0, then deletes in full groups: tombstones.
	tomb := make(map[int64]int64)
	for i := int64(0); i < 890; i++ {
		tomb[i] = i
	}
	for i := int64(0); i < 890; i += 5 {
		delete(tomb, i)
	}

	// Swiss: several tables (the directory); classic: B = 10.
	big := make(map[int64]int64)
	for i := int64(0); i < 5000; i++ {
		big[i] = i
	}

	strs := map[string]string{
		"":                           "empty key",
		"quote\"back\\slash\x01\t":   "é ü 日本",
		strings.Repeat("long-", 130): strings.Repeat("0123456789", 500), // 650 and 5000 bytes
		"<tag>":                      "",
	}
	for i := 0; i < 200; i++ {
		strs[fmt.Sprintf("k%d", i)] = fmt.Sprintf("v%d", i*i)
	}

	structs := map[K]V{{1, "x"}: {1, true}, {-2, strings.Repeat("y", 600)}: {-1 << 62, false}}
	for i := 0; i < 20; i++ {
		structs[K{int32(i), fmt.Sprint(i)}] = V{int64(i) * 1000, i%2 == 0}
	}

	// Keys and elems over 128 bytes are stored behind pointers.
	wide := map[[129]byte][200]byte{}
	for i := 0; i < 20; i++ {
		var k [129]byte
		var e [200]byte
		k[0], k[1] = byte(i), 1
		e[0], e[8] = byte(i), byte(i%3) // e[8] != 0: shown as hex
		wide[k] = e
	}

	set := map[int64]struct{}{}
	for i := int64(0); i < 30; i++ {
		set[i*i] = struct{}{}
	}

	holder := Holder{Name: "h", M: map[int32]string{1: "one", 2: "two", -3: "minus three"}}
	nested := map[string]map[int64]int64{"a": {1: 2, 3: 4, 5: 6}, "b": nil}
	small := map[int8]int8{1: -1, 2: -2, 3: -3}
	pm := &small
	gmap[7] = true
	gmap[9] = false
	var nilm map[string]int
	notmap := 42

	if len(os.Args) > 5 {
		fmt.Println("never") // a line the program never reaches (the tests' breakpoint that is never hit)
	}
	// Every map is used on the BREAK line: the GC frees a map whose variables are dead after the
	// dump, even with -N -l, and the capture would read freed memory.
	if len(os.Args) > 1 {
		dump(os.Args[1], []named{
			{"grow", grow}, {"ovf", ovf}, {"tomb", tomb}, {"big", big}, {"strs", strs},
			{"structs", structs}, {"wide", wide}, {"set", set}, {"holder.M", holder.M}, {`nested["a"]`, nested["a"]},
			{"*pm", *pm}, {"main.gmap", gmap},
		})
	}
	fmt.Println(len(grow), len(ovf), len(tomb), len(big), len(strs), len(structs), len(wide), len(set), holder.Name, len(nested), len(*pm), nilm == nil, notmap) // BREAK

	// What the diff test sees change between BREAK and BREAK2.
	holder.M[4] = "four"
	delete(holder.M, -3)
	holder.M[1] = "uno"
	for i := int64(0); i < 3; i++ {
		grow[1<<40+i] = i // classic: each insert evacuates more old buckets
	}
	for i := int64(0); i < 4000; i++ {
		big[100000+i] = i // Swiss: more tables; classic: B 10 -> 11
	}
	for i := int64(1); i < 890; i += 5 {
		delete(tomb, i) // 178 more deletes: tombstones, emptyOne slots
	}
	fmt.Println(len(holder.M), len(grow), len(big), len(tomb), len(ovf), len(strs), len(structs), len(wide), len(set), len(nested), len(*pm)) // BREAK2
}

// named is a map and the expression the test captures it by.
type named struct {
	expr string
	m    any
}
