// Command layoutdump-swiss is the real-runtime oracle for the layout of Swiss-table maps (Go 1.26
// and 1.27) and the memory of make.
//
// For every (key type, elem type) pair of pairs_gen.go (written by gen.ts) it reports:
//   - the abi.MapType the compiler emitted, in the dump's `type` shape
//     (shared/oracle-swiss/FORMAT.md): sizes, GroupSize, SlotSize/ElemOff (1.26) or
//     KeysOff/KeyStride/ElemsOff/ElemStride (1.27), the flags, the group type's ptrdata;
//   - the group type itself (MapType.Group, through reflect): size, align, ptrdata, its fields
//     (ctrl, slots or ctrl, keys, elems) and, interleaved, the slot struct's fields; they must agree
//     with the MapType's numbers or the oracle stops;
//   - the assign path: which runtime.mapassign* the compiled `m[k] = v` calls (read by run.ts
//     from the binary's machine code and passed with -assign);
//   - for each hint, make(map[K]V, hint) with the GC off: the bytes and objects allocated
//     (runtime.MemStats TotalAlloc/Mallocs, smallest of 3 runs: background work only adds; the
//     map escapes to a package variable), Map.dirLen and globalDepth, the tables' capacity and
//     localDepth (all tables equal, or the oracle stops);
//   - what the first insert into make(map[K]V) allocates, and the 9th distinct key (growToTable),
//     where 9 distinct keys of K exist (keys.go).
//
// The runtime mirrors (Map, table, abi.MapType, checked against the runtime's own types at
// start-up) and the group-type check are test/oracle/swissdump's (mirror.go, layout.go,
// maptype_go126.go, maptype_go127.go, split_on.go, split_off.go), copied beside these files by
// gen.ts's writeBuildDir, with the classic oracle's types.go and the generated pairs_gen.go.
//
// It prints one JSON document on stdout, one pair per line. run.ts builds and runs it for
// Go 1.26.8 and 1.27.3 (GOTOOLCHAIN), GOARCH=amd64 and 386, and 1.27's GOEXPERIMENT=mapsplitgroup.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"unsafe"
)

type fieldOffset struct {
	Name   string  `json:"name"`
	Type   string  `json:"type"`
	Offset uintptr `json:"offset"`
}

type typeLayout struct {
	Size    uintptr       `json:"size"`
	Align   int           `json:"align"`
	Ptrdata uintptr       `json:"ptrdata"`
	Fields  []fieldOffset `json:"fields,omitempty"`
}

// typeJSON is the dump's `type` (shared/oracle-swiss/FORMAT.md), keysize/elemsize being
// MapType.Key.Size_/Elem.Size_ as the reference dumper wrote them.
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

type alloc struct {
	Bytes   uint64 `json:"bytes"`
	Mallocs uint64 `json:"mallocs"`
}

type makeResult struct {
	Hint          int    `json:"hint"`
	DirLen        int    `json:"dirLen"`
	GlobalDepth   uint8  `json:"globalDepth"`
	TableCapacity uint16 `json:"tableCapacity"`
	LocalDepth    uint8  `json:"localDepth"`
	Bytes         uint64 `json:"bytes"`
	Mallocs       uint64 `json:"mallocs"`
}

type pairResult struct {
	Key         string       `json:"key"`
	Elem        string       `json:"elem"`
	ReflectKey  string       `json:"reflectKey"`
	ReflectElem string       `json:"reflectElem"`
	Type        typeJSON     `json:"type"`
	Flags       uint32       `json:"flags"`
	Group       typeLayout   `json:"group"`
	Slot        *typeLayout  `json:"slot,omitempty"`
	KeyType     typeLayout   `json:"keyType"`
	ElemType    typeLayout   `json:"elemType"`
	FirstInsert alloc        `json:"firstInsert"`
	NinthInsert *alloc       `json:"ninthInsert"`
	Makes       []makeResult `json:"makes"`
}

// pair is one generated entry: measure[K, V] and assignN (kept so the linker keeps its code).
type pair struct {
	key, elem string
	measure   func(key, elem string, hints []int, assign string) pairResult
	assign    any
}

// sink makes every map escape to the heap.
var sink any

func layoutOf(t reflect.Type) typeLayout {
	l := typeLayout{Size: t.Size(), Align: t.Align(), Ptrdata: toPtrdata(t)}
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			l.Fields = append(l.Fields, fieldOffset{Name: f.Name, Type: f.Type.String(), Offset: f.Offset})
		}
	}
	return l
}

// toPtrdata is the runtime's PtrBytes of a reflect.Type (the interface's data word is its *abi.Type).
func toPtrdata(t reflect.Type) uintptr {
	return (*Type)((*eface)(unsafe.Pointer(&t)).data).PtrBytes
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "layoutdump-swiss: "+format+"\n", args...)
	os.Exit(1)
}

// describe reads the MapType of map[K]V; checkGroupType (swissdump's layout.go) checks its
// numbers against the group type's own fields.
func describe(typed any, key, elem, assign string) pairResult {
	mt := mapTypeOf(typed)
	rt := reflect.TypeOf(typed)
	if reflectTypeOf(mt.Key) != rt.Key() || reflectTypeOf(mt.Elem) != rt.Elem() {
		fail("map[%s]%s: MapType.Key/Elem are %v/%v, reflect says %v/%v: the MapType mirror is wrong", key, elem, reflectTypeOf(mt.Key), reflectTypeOf(mt.Elem), rt.Key(), rt.Elem())
	}
	l := mt.layout()
	if err := checkGroupType(mt, l); err != nil {
		fail("map[%s]%s: %v", key, elem, err)
	}
	g := reflectTypeOf(mt.Group)
	r := pairResult{
		Key: key, Elem: elem, ReflectKey: rt.Key().String(), ReflectElem: rt.Elem().String(),
		Flags:    mt.Flags,
		Group:    layoutOf(g),
		KeyType:  layoutOf(rt.Key()),
		ElemType: layoutOf(rt.Elem()),
	}
	layout := "interleaved"
	if l.split {
		layout = "split"
	} else {
		slot := layoutOf(g.Field(1).Type.Elem())
		r.Slot = &slot
	}
	r.Type = typeJSON{
		Key: key, Elem: elem, Keysize: mt.Key.Size_, Elemsize: mt.Elem.Size_, Layout: layout,
		Groupsize: mt.GroupSize, Slotsize: l.slotSize, Elemoff: l.elemOff,
		KeysOff: l.keysOff, KeyStride: l.keyStride, ElemsOff: l.elemsOff, ElemStride: l.elemStride,
		Indirectkey: mt.Flags&mapIndirectKey != 0, Indirectelem: mt.Flags&mapIndirectElem != 0,
		Needkeyupdate: mt.Flags&mapNeedKeyUpdate != 0, Hashmightpanic: mt.Flags&mapHashMightPanic != 0,
		GroupPtrdata: mt.Group.PtrBytes, Assign: assign,
	}
	return r
}

// mapOf is the *Map a map value in an interface points to.
func mapOf(m any) *Map {
	return (*Map)((*eface)(unsafe.Pointer(&m)).data)
}

// tables is the directory of a map with tables.
func tables(m *Map) []*table {
	if m.dirLen == 0 {
		return nil
	}
	return unsafe.Slice((**table)(m.dirPtr), m.dirLen)
}

// between runs f between two ReadMemStats from a freshly collected heap; the smallest of 3 runs.
func between(prepare func(), f func()) alloc {
	var best alloc
	for try := 0; try < 3; try++ {
		sink = nil
		prepare()
		runtime.GC() // runs even with SetGCPercent(-1)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		a := alloc{after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs}
		if try == 0 || a.Bytes < best.Bytes || a.Bytes == best.Bytes && a.Mallocs < best.Mallocs {
			best = a
		}
	}
	return best
}

// measure is generated for each pair as measure[K, V].
func measure[K comparable, V any](key, elem string, hints []int, assign string) pairResult {
	var typed any = map[K]V(nil)
	r := describe(typed, key, elem, assign)
	for _, hint := range hints {
		a := between(func() {}, func() { sink = make(map[K]V, hint) })
		m := mapOf(sink)
		res := makeResult{Hint: hint, DirLen: m.dirLen, GlobalDepth: m.globalDepth, Bytes: a.Bytes, Mallocs: a.Mallocs}
		for i, t := range tables(m) {
			if i == 0 {
				res.TableCapacity, res.LocalDepth = t.capacity, t.localDepth
			} else if t.capacity != res.TableCapacity || t.localDepth != res.LocalDepth {
				fail("map[%s]%s hint %d: table %d has capacity %d depth %d, table 0 %d and %d", key, elem, hint, i, t.capacity, t.localDepth, res.TableCapacity, res.LocalDepth)
			}
		}
		if hint <= slotsPerGroup && (m.dirLen != 0 || m.dirPtr != nil) {
			fail("map[%s]%s hint %d: dirLen %d: not a lazily allocated small map", key, elem, hint, m.dirLen)
		}
		r.Makes = append(r.Makes, res)
	}
	var k K
	var v V
	var mp map[K]V
	r.FirstInsert = between(func() { mp = make(map[K]V); sink = mp }, func() { mp[k] = v })
	if keys := distinctKeys[K](slotsPerGroup + 1); keys != nil {
		ninth := between(func() {
			mp = make(map[K]V)
			sink = mp
			for _, key := range keys[:slotsPerGroup] {
				mp[key] = v
			}
		}, func() { mp[keys[slotsPerGroup]] = v })
		if m := mapOf(sink); m.dirLen != 1 || m.used != slotsPerGroup+1 {
			fail("map[%s]%s: after 9 keys dirLen %d used %d", key, elem, m.dirLen, m.used)
		}
		r.NinthInsert = &ninth
	}
	sink = nil
	return r
}

type header struct {
	Comment    string `json:"comment"`
	Goversion  string `json:"goversion"`
	Goarch     string `json:"goarch"`
	SplitGroup bool   `json:"splitGroup"`
	Hints      []int  `json:"hints"`
}

func main() {
	assign := flag.String("assign", "", "JSON object: pair index -> the mapassign variant main.assignN calls (see run.ts)")
	flag.Parse()
	if bad := checkMirrors(); len(bad) > 0 {
		fail("built with %s, whose runtime differs from the mirrors:\n  %s", runtime.Version(), strings.Join(bad, "\n  "))
	}
	if *assign == "" {
		fail("-assign FILE is required (run.ts makes it from go tool objdump)")
	}
	paths, err := readAssignPaths(*assign)
	if err != nil {
		fail("%v", err)
	}
	debug.SetGCPercent(-1)
	runtime.GOMAXPROCS(1) // fewer background workers to allocate during a measurement
	var lines []string
	split := false
	for i, p := range pairs {
		path, ok := paths[i]
		if !ok {
			fail("no mapassign call found in main.assign%d (map[%s]%s)", i, p.key, p.elem)
		}
		r := p.measure(p.key, p.elem, hints, path)
		split = split || r.Type.Layout == "split"
		line, err := json.Marshal(r)
		if err != nil {
			fail("%v", err)
		}
		lines = append(lines, string(line))
	}
	head, err := json.Marshal(header{
		Comment:   "Generated by test/oracle/layoutdump-swiss/run.ts (pairs from gen.ts); do not edit.",
		Goversion: runtime.Version(), Goarch: runtime.GOARCH, SplitGroup: split, Hints: hints,
	})
	if err != nil {
		fail("%v", err)
	}
	os.Stdout.WriteString(string(head[:len(head)-1]) + ",\n\"pairs\": [\n" + strings.Join(lines, ",\n") + "\n]}\n")
}
