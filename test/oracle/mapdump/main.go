// Command mapdump is the real-runtime oracle for classic (hmap/bmap) Go maps.
//
// It reads a trace (see /work/shared/oracle/FORMAT.md and test/oracle/README.md),
// runs it on a real map of the trace's static type, and prints on stdout a dump of
// the runtime's own state at every snapshot, read through unsafe mirrors of the
// runtime's hmap, mapextra, bmap, maptype and reflect.MapIter/hiter layouts.
//
// It must be built with Go 1.19 (test/oracle/mapdump/build.sh): the mirrors below
// copy Go 1.19's runtime/map.go, runtime/type.go and reflect/value.go.
//
//	usage: mapdump TRACE.json > DUMP.json
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"unsafe"
)

// ---- mirrors of the Go 1.19 runtime structures ----

// hmap mirrors runtime.hmap.
type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      *mapextra
}

// mapextra mirrors runtime.mapextra.
type mapextra struct {
	overflow     unsafe.Pointer // *[]*bmap
	oldoverflow  unsafe.Pointer // *[]*bmap
	nextOverflow unsafe.Pointer // *bmap
}

// rtype mirrors runtime._type.
type rtype struct {
	size       uintptr
	ptrdata    uintptr
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata     *byte
	str        int32
	ptrToThis  int32
}

// maptype mirrors runtime.maptype.
type maptype struct {
	typ        rtype
	key        *rtype
	elem       *rtype
	bucket     *rtype
	hasher     func(unsafe.Pointer, uintptr) uintptr
	keysize    uint8
	elemsize   uint8
	bucketsize uint16
	flags      uint32
}

// eface mirrors the layout of an empty interface.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// hiter mirrors reflect.hiter (the same layout as runtime.hiter).
type hiter struct {
	key         unsafe.Pointer
	elem        unsafe.Pointer
	t           unsafe.Pointer
	h           unsafe.Pointer
	buckets     unsafe.Pointer
	bptr        unsafe.Pointer
	overflow    unsafe.Pointer
	oldoverflow unsafe.Pointer
	startBucket uintptr
	offset      uint8
	wrapped     bool
	B           uint8
	i           uint8
	bucket      uintptr
	checkBucket uintptr
}

// mapIter mirrors reflect.MapIter: a reflect.Value (typ, ptr, flag) then the hiter.
type mapIter struct {
	vtyp  unsafe.Pointer
	vptr  unsafe.Pointer
	vflag uintptr
	it    hiter
}

const (
	bucketCnt  = 8
	dataOffset = 8 // offset of the keys in a bmap (after tophash [8]uint8)
	minTopHash = 5
	ptrSize    = unsafe.Sizeof(uintptr(0))

	flagIndirectKey  = 1
	flagIndirectElem = 2
	flagSameSizeGrow = 8
)

//go:linkname mapclear runtime.mapclear
func mapclear(t unsafe.Pointer, h unsafe.Pointer)

// sink makes every map escape to the heap, as make(map[K]V, hint) does in a program.
var sink any

// ---- trace ----

type op struct {
	Op    string          `json:"op"`
	Key   json.RawMessage `json:"key,omitempty"`
	Elem  json.RawMessage `json:"elem,omitempty"`
	Label string          `json:"label,omitempty"`
	After int             `json:"after,omitempty"`
	Ops   []op            `json:"ops,omitempty"`
}

type trace struct {
	Key  string `json:"key"`
	Elem string `json:"elem"`
	Hint int    `json:"hint"`
	Ops  []op   `json:"ops"`
}

// ---- dump (field order is the order of the samples) ----

type typeInfo struct {
	Key           string `json:"key"`
	Elem          string `json:"elem"`
	Keysize       int    `json:"keysize"`
	Elemsize      int    `json:"elemsize"`
	Bucketsize    int    `json:"bucketsize"`
	Indirectkey   bool   `json:"indirectkey"`
	Indirectelem  bool   `json:"indirectelem"`
	BucketPtrdata int    `json:"bucketPtrdata"`
}

type bmapJSON struct {
	Tophash [bucketCnt]uint8 `json:"tophash"`
	Keys    [bucketCnt]any   `json:"keys"`
	Elems   [bucketCnt]any   `json:"elems"`
}

type lookupJSON struct {
	Key   any  `json:"key"`
	Found bool `json:"found"`
	Elem  any  `json:"elem"`
}

type iterationJSON struct {
	StartBucket uint64 `json:"startBucket"`
	Offset      uint8  `json:"offset"`
	Keys        []any  `json:"keys"`
}

type snapshotJSON struct {
	Label            string          `json:"label"`
	Count            int             `json:"count"`
	Flags            uint8           `json:"flags"`
	B                uint8           `json:"B"`
	Noverflow        uint16          `json:"noverflow"`
	Hash0            string          `json:"hash0"`
	Growing          bool            `json:"growing"`
	SameSizeGrow     bool            `json:"sameSizeGrow"`
	Nevacuate        uint64          `json:"nevacuate"`
	NextOverflowFree int             `json:"nextOverflowFree"`
	Buckets          [][]bmapJSON    `json:"buckets"`
	Oldbuckets       [][]bmapJSON    `json:"oldbuckets"`
	Lookups          []lookupJSON    `json:"lookups,omitempty"`
	Iterations       []iterationJSON `json:"iterations,omitempty"`
}

type allocJSON struct {
	Bytes   uint64 `json:"bytes"`
	Mallocs uint64 `json:"mallocs"`
}

type dumpJSON struct {
	Goversion string                       `json:"goversion"`
	Goarch    string                       `json:"goarch"`
	Type      typeInfo                     `json:"type"`
	Hint      int                          `json:"hint"`
	Snapshots []snapshotJSON               `json:"snapshots"`
	Seeds     []string                     `json:"seeds"`
	Hashes    map[string]map[string]string `json:"hashes"`
	Alloc     allocJSON                    `json:"alloc"`
}

func seedText(s uint32) string { return fmt.Sprintf("0x%08x", s) }
func hashText(h uint64) string { return fmt.Sprintf("0x%016x", h) }

// ---- codecs: trace JSON <-> Go values ----

type codec[T any] struct {
	parse func(json.RawMessage) (T, error)
	show  func(T) any // the JSON value written in dumps
}

// jsonInteger reads a JSON number or a JSON string holding a decimal integer.
func jsonInteger(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", errors.New("missing integer")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	return string(raw), nil
}

const maxExact = 1 << 53

func showInt(v int64) any {
	if v > maxExact || v < -maxExact {
		return strconv.FormatInt(v, 10)
	}
	return json.Number(strconv.FormatInt(v, 10))
}

func showUint(v uint64) any {
	if v > maxExact {
		return strconv.FormatUint(v, 10)
	}
	return json.Number(strconv.FormatUint(v, 10))
}

func signedCodec[T int8 | int16 | int32 | int64]() codec[T] {
	var zero T
	bits := int(unsafe.Sizeof(zero)) * 8
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			s, err := jsonInteger(raw)
			if err != nil {
				return 0, err
			}
			v, err := strconv.ParseInt(s, 10, bits)
			return T(v), err
		},
		show: func(v T) any { return showInt(int64(v)) },
	}
}

func unsignedCodec[T uint8 | uint16 | uint32 | uint64]() codec[T] {
	var zero T
	bits := int(unsafe.Sizeof(zero)) * 8
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			s, err := jsonInteger(raw)
			if err != nil {
				return 0, err
			}
			v, err := strconv.ParseUint(s, 10, bits)
			return T(v), err
		},
		show: func(v T) any { return showUint(uint64(v)) },
	}
}

// byteArrayCodec: the JSON value is an unsigned integer stored little-endian in
// the first 8 bytes of the array; the rest are zero.
func byteArrayCodec[T [16]byte | [129]byte | [200]byte]() codec[T] {
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			var a T
			s, err := jsonInteger(raw)
			if err != nil {
				return a, err
			}
			v, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return a, err
			}
			binary.LittleEndian.PutUint64(unsafe.Slice((*byte)(unsafe.Pointer(&a)), 8), v)
			return a, nil
		},
		show: func(a T) any {
			b := unsafe.Slice((*byte)(unsafe.Pointer(&a)), unsafe.Sizeof(a))
			for _, x := range b[8:] {
				if x != 0 {
					// Not produced by the oracle's own traces; show it as hex so it is visible.
					return fmt.Sprintf("0x%x", b)
				}
			}
			return showUint(binary.LittleEndian.Uint64(b[:8]))
		},
	}
}

func stringCodec() codec[string] {
	return codec[string]{
		parse: func(raw json.RawMessage) (string, error) {
			var s string
			err := json.Unmarshal(raw, &s)
			return s, err
		},
		show: func(s string) any { return s },
	}
}

func boolCodec() codec[bool] {
	return codec[bool]{
		parse: func(raw json.RawMessage) (bool, error) {
			var b bool
			err := json.Unmarshal(raw, &b)
			return b, err
		},
		show: func(b bool) any { return b },
	}
}

// jsonText is a value's JSON text, the key of the "hashes" tables.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// ---- type dispatch ----

func withKey(tr *trace) (*dumpJSON, error) {
	switch tr.Key {
	case "int8":
		return withElem(tr, signedCodec[int8]())
	case "int16":
		return withElem(tr, signedCodec[int16]())
	case "int32":
		return withElem(tr, signedCodec[int32]())
	case "int64":
		return withElem(tr, signedCodec[int64]())
	case "uint8":
		return withElem(tr, unsignedCodec[uint8]())
	case "uint16":
		return withElem(tr, unsignedCodec[uint16]())
	case "uint32":
		return withElem(tr, unsignedCodec[uint32]())
	case "uint64":
		return withElem(tr, unsignedCodec[uint64]())
	case "string":
		return withElem(tr, stringCodec())
	case "bool":
		return withElem(tr, boolCodec())
	case "[16]byte":
		return withElem(tr, byteArrayCodec[[16]byte]())
	case "[129]byte":
		return withElem(tr, byteArrayCodec[[129]byte]())
	case "[200]byte":
		return withElem(tr, byteArrayCodec[[200]byte]())
	}
	return nil, fmt.Errorf("unsupported key type %q", tr.Key)
}

func withElem[K comparable](tr *trace, kc codec[K]) (*dumpJSON, error) {
	switch tr.Elem {
	case "int8":
		return run(tr, kc, signedCodec[int8]())
	case "int16":
		return run(tr, kc, signedCodec[int16]())
	case "int32":
		return run(tr, kc, signedCodec[int32]())
	case "int64":
		return run(tr, kc, signedCodec[int64]())
	case "uint8":
		return run(tr, kc, unsignedCodec[uint8]())
	case "uint16":
		return run(tr, kc, unsignedCodec[uint16]())
	case "uint32":
		return run(tr, kc, unsignedCodec[uint32]())
	case "uint64":
		return run(tr, kc, unsignedCodec[uint64]())
	case "string":
		return run(tr, kc, stringCodec())
	case "bool":
		return run(tr, kc, boolCodec())
	case "[16]byte":
		return run(tr, kc, byteArrayCodec[[16]byte]())
	case "[129]byte":
		return run(tr, kc, byteArrayCodec[[129]byte]())
	case "[200]byte":
		return run(tr, kc, byteArrayCodec[[200]byte]())
	}
	return nil, fmt.Errorf("unsupported elem type %q", tr.Elem)
}

// ---- typed ops ----

type tOp[K comparable, V any] struct {
	kind  string
	key   K
	elem  V
	label string
	after int
	ops   []tOp[K, V]
}

// compile checks and converts the trace's ops; names collects every key the trace names.
func compile[K comparable, V any](ops []op, nested bool, kc codec[K], vc codec[V], names *keyNames[K]) ([]tOp[K, V], error) {
	out := make([]tOp[K, V], 0, len(ops))
	for i, o := range ops {
		t := tOp[K, V]{kind: o.Op, label: o.Label, after: o.After}
		var err error
		switch o.Op {
		case "insert":
			if t.key, err = kc.parse(o.Key); err == nil {
				t.elem, err = vc.parse(o.Elem)
			}
		case "delete", "lookup":
			t.key, err = kc.parse(o.Key)
		case "snapshot", "clear", "clearloop", "iterate":
			if nested {
				err = errors.New("only insert, delete and lookup may be nested in iterate")
			} else if o.Op == "iterate" {
				if o.After < 0 {
					err = errors.New("after must be >= 0")
				} else {
					t.ops, err = compile(o.Ops, true, kc, vc, names)
				}
			}
		default:
			err = errors.New("unknown op")
		}
		if err != nil {
			return nil, fmt.Errorf("op %d (%q): %w", i, o.Op, err)
		}
		if o.Op == "insert" || o.Op == "delete" || o.Op == "lookup" {
			names.add(t.key, kc)
		}
		out = append(out, t)
	}
	return out, nil
}

type keyNames[K comparable] struct {
	keys []K
	text map[K]string
}

func (n *keyNames[K]) add(k K, kc codec[K]) {
	if _, ok := n.text[k]; ok {
		return
	}
	n.text[k] = jsonText(kc.show(k))
	n.keys = append(n.keys, k)
}

// ---- the run ----

func run[K comparable, V any](tr *trace, kc codec[K], vc codec[V]) (*dumpJSON, error) {
	names := &keyNames[K]{text: map[K]string{}}
	ops, err := compile(tr.Ops, false, kc, vc, names)
	if err != nil {
		return nil, err
	}

	// make(map[K]V, hint) with the GC off, measured by MemStats; the map escapes via sink.
	runtime.GC()
	debug.SetGCPercent(-1)
	var before, after runtime.MemStats
	var m map[K]V
	runtime.ReadMemStats(&before)
	if tr.Hint == 0 {
		m = make(map[K]V)
	} else {
		m = make(map[K]V, tr.Hint)
	}
	runtime.ReadMemStats(&after)
	sink = m

	ef := (*eface)(unsafe.Pointer(&sink))
	mt := (*maptype)(ef.typ)
	h := (*hmap)(ef.data)

	d := &dumpJSON{
		Goversion: runtime.Version(),
		Goarch:    runtime.GOARCH,
		Type: typeInfo{
			Key: tr.Key, Elem: tr.Elem,
			Keysize: int(mt.keysize), Elemsize: int(mt.elemsize), Bucketsize: int(mt.bucketsize),
			Indirectkey:   mt.flags&flagIndirectKey != 0,
			Indirectelem:  mt.flags&flagIndirectElem != 0,
			BucketPtrdata: int(mt.bucket.ptrdata),
		},
		Hint:      tr.Hint,
		Snapshots: []snapshotJSON{},
		Alloc: allocJSON{
			Bytes:   after.TotalAlloc - before.TotalAlloc,
			Mallocs: after.Mallocs - before.Mallocs,
		},
	}

	seeds := []uint32{h.hash0}
	noteSeed := func() {
		if h.hash0 != seeds[len(seeds)-1] {
			seeds = append(seeds, h.hash0)
		}
	}
	var lookups []lookupJSON
	var iterations []iterationJSON

	var apply func(o *tOp[K, V])
	apply = func(o *tOp[K, V]) {
		switch o.kind {
		case "insert":
			m[o.key] = o.elem
		case "delete":
			delete(m, o.key)
		case "lookup":
			v, ok := m[o.key]
			l := lookupJSON{Key: kc.show(o.key), Found: ok}
			if ok {
				l.Elem = vc.show(v)
			}
			lookups = append(lookups, l)
		case "clear":
			mapclear(unsafe.Pointer(mt), unsafe.Pointer(h))
		case "clearloop":
			iterations = append(iterations, iterate(m, kc, func(k K, _ int) { delete(m, k); noteSeed() }, -1, nil))
		case "iterate":
			nested := func() {
				for i := range o.ops {
					apply(&o.ops[i])
					noteSeed()
				}
			}
			iterations = append(iterations, iterate(m, kc, nil, o.after, nested))
		case "snapshot":
			s := snapshot(mt, h, o.label, kc, vc)
			s.Lookups, s.Iterations = lookups, iterations
			lookups, iterations = nil, nil
			d.Snapshots = append(d.Snapshots, s)
		}
		noteSeed()
	}
	for i := range ops {
		apply(&ops[i])
	}
	runtime.KeepAlive(m)

	d.Hashes = map[string]map[string]string{}
	for _, s := range seeds {
		tab := map[string]string{}
		for _, k := range names.keys {
			k := k
			tab[names.text[k]] = hashText(uint64(mt.hasher(unsafe.Pointer(&k), uintptr(s))))
		}
		d.Hashes[seedText(s)] = tab
		d.Seeds = append(d.Seeds, seedText(s))
	}
	return d, nil
}

// iterate ranges over m with reflect.MapIter, reads the hiter's startBucket and offset
// after the first Next (mapiterinit runs there), calls each(key) for every key
// returned, and runs nested() once as soon as `after` keys have been returned
// (before the first Next when after == 0; after the loop if the range ended sooner).
func iterate[K comparable, V any](m map[K]V, kc codec[K], each func(K, int), after int, nested func()) iterationJSON {
	res := iterationJSON{Keys: []any{}}
	mi := reflect.ValueOf(m).MapRange()
	raw := (*mapIter)(unsafe.Pointer(mi))
	n := 0
	pending := nested != nil
	for {
		if pending && n >= after {
			pending = false
			nested()
		}
		if !mi.Next() {
			break
		}
		if n == 0 {
			res.StartBucket, res.Offset = uint64(raw.it.startBucket), raw.it.offset
		}
		k := mi.Key().Interface().(K)
		res.Keys = append(res.Keys, kc.show(k))
		n++
		if each != nil {
			each(k, n)
		}
	}
	if pending {
		nested()
	}
	if n == 0 {
		res.StartBucket, res.Offset = uint64(raw.it.startBucket), raw.it.offset
	}
	return res
}

func snapshot[K comparable, V any](mt *maptype, h *hmap, label string, kc codec[K], vc codec[V]) snapshotJSON {
	s := snapshotJSON{
		Label: label, Count: h.count, Flags: h.flags, B: h.B, Noverflow: h.noverflow,
		Hash0:        seedText(h.hash0),
		Growing:      h.oldbuckets != nil,
		SameSizeGrow: h.flags&flagSameSizeGrow != 0,
		Nevacuate:    uint64(h.nevacuate),
	}
	if h.extra != nil && h.extra.nextOverflow != nil {
		b := h.extra.nextOverflow
		for {
			s.NextOverflowFree++
			if overflowOf(mt, b) != nil {
				break
			}
			b = unsafe.Add(b, mt.bucketsize)
		}
	}
	s.Buckets = readArray(mt, h.buckets, 1<<h.B, kc, vc)
	if h.oldbuckets != nil {
		oldB := h.B
		if h.flags&flagSameSizeGrow == 0 {
			oldB--
		}
		s.Oldbuckets = readArray(mt, h.oldbuckets, 1<<oldB, kc, vc)
	}
	return s
}

func overflowOf(mt *maptype, b unsafe.Pointer) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(b, uintptr(mt.bucketsize)-ptrSize))
}

func readArray[K comparable, V any](mt *maptype, base unsafe.Pointer, n int, kc codec[K], vc codec[V]) [][]bmapJSON {
	if base == nil {
		// No bucket array yet: with B == 0 the runtime allocates it at the first insert.
		return nil
	}
	out := make([][]bmapJSON, n)
	for i := 0; i < n; i++ {
		b := unsafe.Add(base, uintptr(i)*uintptr(mt.bucketsize))
		for steps := 0; b != nil; steps++ {
			if steps > 1<<20 {
				panic("overflow chain does not end")
			}
			out[i] = append(out[i], readBmap(mt, b, kc, vc))
			b = overflowOf(mt, b)
		}
	}
	return out
}

func readBmap[K comparable, V any](mt *maptype, b unsafe.Pointer, kc codec[K], vc codec[V]) bmapJSON {
	var j bmapJSON
	j.Tophash = *(*[bucketCnt]uint8)(b)
	for i := 0; i < bucketCnt; i++ {
		if j.Tophash[i] < minTopHash {
			continue
		}
		kp := unsafe.Add(b, dataOffset+i*int(mt.keysize))
		if mt.flags&flagIndirectKey != 0 {
			kp = *(*unsafe.Pointer)(kp)
		}
		ep := unsafe.Add(b, dataOffset+bucketCnt*int(mt.keysize)+i*int(mt.elemsize))
		if mt.flags&flagIndirectElem != 0 {
			ep = *(*unsafe.Pointer)(ep)
		}
		j.Keys[i] = kc.show(*(*K)(kp))
		j.Elems[i] = vc.show(*(*V)(ep))
	}
	return j
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: mapdump TRACE.json > DUMP.json")
		os.Exit(2)
	}
	if v := runtime.Version(); !strings.HasPrefix(v, "go1.19") {
		fmt.Fprintf(os.Stderr, "mapdump: built with %s; the mirrors match Go 1.19 only\n", v)
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "mapdump:", err)
		os.Exit(1)
	}
	var tr trace
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tr); err != nil {
		fmt.Fprintln(os.Stderr, "mapdump: bad trace:", err)
		os.Exit(1)
	}
	if tr.Hint < 0 || tr.Hint > math.MaxInt32 {
		fmt.Fprintln(os.Stderr, "mapdump: bad hint")
		os.Exit(1)
	}
	d, err := withKey(&tr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mapdump:", err)
		os.Exit(1)
	}
	out, err := json.Marshal(d)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mapdump:", err)
		os.Exit(1)
	}
	out = append(out, '\n')
	os.Stdout.Write(out)
}
