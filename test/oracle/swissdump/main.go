// Command swissdump is the real-runtime oracle for Swiss-table Go maps (Go 1.26 and 1.27).
//
// It reads a trace (shared/oracle-swiss/FORMAT.md "Trace"), runs it on a real map of the
// trace's static key and elem types (a generic function instantiated per pair, so `m[k] = v`
// goes through the assign path the compiler picks for that type: mapassign_fast32, _fast64,
// _faststr or the generic mapassign), and prints on stdout a dump of the runtime's own state
// (internal/runtime/maps.Map, its directory, tables and groups) at every snapshot, read
// through the unsafe mirrors in mirror.go. At start-up it checks those mirrors against the
// runtime's types through reflect and refuses to run on a mismatch. After every op it checks
// len(m) == Map.used, and at every snapshot it runs FORMAT.md's "Self-check"; any failure
// exits non-zero with a message.
//
//	usage: swissdump TRACE.json > DUMP.json
//	       swissdump -plan -trace-out TRACE.json PLAN.json > DUMP.json
//
// Build with build.sh (Go 1.26.8, or Go 1.27.3 with --go 1.27.3; GOARCH=386 and
// GOEXPERIMENT=mapsplitgroup are supported).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// ---- trace ----

type op struct {
	Op    string          `json:"op"`
	Key   json.RawMessage `json:"key,omitempty"`
	Elem  json.RawMessage `json:"elem,omitempty"`
	Label *string         `json:"label,omitempty"`

	// The churn macro (plans only; see run.go).
	Next  int64  `json:"next,omitempty"`
	Max   int    `json:"max,omitempty"`
	Tail  int    `json:"tail,omitempty"`
	Until string `json:"until,omitempty"`
}

type trace struct {
	Name string `json:"name,omitempty"`
	Key  string `json:"key"`
	Elem string `json:"elem"`
	Hint int    `json:"hint"`
	Ops  []op   `json:"ops"`

	plan bool // macros allowed
}

// result is a run's dump and the plain trace it executed (macros expanded).
type result struct {
	dump  *dump
	trace *trace
}

// ---- dump (field order of FORMAT.md and the samples) ----

type typeJSON struct {
	Key            string  `json:"key"`
	Elem           string  `json:"elem"`
	Keysize        uintptr `json:"keysize"`
	Elemsize       uintptr `json:"elemsize"`
	Layout         string  `json:"layout"`
	Groupsize      uintptr `json:"groupsize"`
	Slotsize       uintptr `json:"slotsize"`
	Elemoff        uintptr `json:"elemoff"`
	KeysOff        uintptr `json:"keysOff"`
	KeyStride      uintptr `json:"keyStride"`
	ElemsOff       uintptr `json:"elemsOff"`
	ElemStride     uintptr `json:"elemStride"`
	Indirectkey    bool    `json:"indirectkey"`
	Indirectelem   bool    `json:"indirectelem"`
	Needkeyupdate  bool    `json:"needkeyupdate"`
	Hashmightpanic bool    `json:"hashmightpanic"`
	GroupPtrdata   uintptr `json:"groupPtrdata"`
	Assign         string  `json:"assign"`
}

type allocJSON struct {
	Bytes   uint64 `json:"bytes"`
	Mallocs uint64 `json:"mallocs"`
}

type groupJSON struct {
	Ctrl  [slotsPerGroup]uint8 `json:"ctrl"`
	Keys  [slotsPerGroup]any   `json:"keys"`
	Elems [slotsPerGroup]any   `json:"elems"`
}

type tableJSON struct {
	Used       uint16      `json:"used"`
	Capacity   uint16      `json:"capacity"`
	GrowthLeft uint16      `json:"growthLeft"`
	LocalDepth uint8       `json:"localDepth"`
	Index      int         `json:"index"`
	Groups     []groupJSON `json:"groups"`
}

type lookupJSON struct {
	Key   any  `json:"key"`
	Found bool `json:"found"`
	Elem  any  `json:"elem"`
}

type iterationJSON struct {
	EntryOffset string `json:"entryOffset"`
	DirOffset   string `json:"dirOffset"`
	Order       []any  `json:"order"`
}

type snapshotJSON struct {
	Label             string          `json:"label"`
	Used              uint64          `json:"used"`
	Seed              string          `json:"seed"`
	DirLen            int             `json:"dirLen"`
	GlobalDepth       uint8           `json:"globalDepth"`
	GlobalShift       uint8           `json:"globalShift"`
	TombstonePossible bool            `json:"tombstonePossible"`
	ClearSeq          uint64          `json:"clearSeq"`
	Group             *groupJSON      `json:"group"`
	Directory         []int           `json:"directory"`
	Tables            []tableJSON     `json:"tables"`
	Lookups           []lookupJSON    `json:"lookups"`
	Iterations        []iterationJSON `json:"iterations"`
}

type dump struct {
	Name      string                       `json:"name,omitempty"`
	Goversion string                       `json:"goversion"`
	Goarch    string                       `json:"goarch"`
	Type      typeJSON                     `json:"type"`
	Hint      int                          `json:"hint"`
	Alloc     allocJSON                    `json:"alloc"`
	Seeds     []string                     `json:"seeds"`
	Hashes    map[string]map[string]string `json:"hashes"`
	Snapshots []snapshotJSON               `json:"snapshots"`
}

// uintptrText is a seed or hash as the dump writes it: 0x and 16 hex digits (8 on 32-bit targets).
func uintptrText(v uintptr) string { return fmt.Sprintf("0x%0*x", 2*ptrSize, uint64(v)) }

// offsetText is an iterator offset (a uint64 on every target).
func offsetText(v uint64) string { return fmt.Sprintf("0x%016x", v) }

// marshal is one line of JSON without HTML escaping, ending in a newline.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func main() {
	plan := flag.Bool("plan", false, "the input is a plan: it may hold the churn macro")
	traceOut := flag.String("trace-out", "", "write the plain trace that was executed (macros expanded) to this file")
	checkOnly := flag.Bool("check-mirrors", false, "only check the struct mirrors against the runtime, print the Go version and exit")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: swissdump TRACE.json > DUMP.json\n       swissdump -plan -trace-out TRACE.json PLAN.json > DUMP.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	fail := func(code int, format string, args ...any) {
		fmt.Fprintf(os.Stderr, "swissdump: "+format+"\n", args...)
		os.Exit(code)
	}
	if v := runtime.Version(); !strings.HasPrefix(v, "go1.26") && !strings.HasPrefix(v, "go1.27") {
		fail(2, "built with %s; the mirrors are Go 1.26's and 1.27's", v)
	}
	if bad := checkMirrors(); len(bad) > 0 {
		fail(2, "the struct mirrors do not match the runtime of %s:\n  %s", runtime.Version(), strings.Join(bad, "\n  "))
	}
	if *checkOnly {
		fmt.Printf("%s %s split=%v: mirrors match\n", runtime.Version(), runtime.GOARCH, splitGroup)
		return
	}
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	raw, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fail(2, "%v", err)
	}
	var tr trace
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tr); err != nil {
		fail(2, "bad trace: %v", err)
	}
	if tr.Hint < 0 || tr.Hint > 1<<24 {
		fail(2, "bad trace: hint %d", tr.Hint)
	}
	tr.plan = *plan
	res, err := forKey(&tr)
	if err != nil {
		fail(1, "%v", err)
	}
	if *traceOut != "" {
		if err := os.WriteFile(*traceOut, marshal(res.trace), 0o644); err != nil {
			fail(1, "%v", err)
		}
	}
	os.Stdout.Write(marshal(res.dump))
}

// debugOut receives notes about plan macros (stderr).
var debugOut = os.Stderr
