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
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
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

	// Plan-only macro fields (see planMacro); never written to an emitted trace.
	From   int64  `json:"from,omitempty"`
	Next   int64  `json:"next,omitempty"`
	Count  int    `json:"count,omitempty"`
	Max    int    `json:"max,omitempty"`
	Tail   int    `json:"tail,omitempty"`
	Bucket int64  `json:"bucket,omitempty"`
	Bits   int    `json:"bits,omitempty"`
	Group  string `json:"group,omitempty"`
}

type trace struct {
	Key  string `json:"key"`
	Elem string `json:"elem"`
	Hint int    `json:"hint"`
	Ops  []op   `json:"ops"`

	plan bool // macro ops allowed (mapdump -plan)
}

// result is a run's dump and the plain trace it executed (macros expanded).
type result struct {
	dump  *dumpJSON
	trace *trace
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
	parse   func(json.RawMessage) (T, error)
	show    func(T) any            // the JSON value written in dumps
	fromInt func(int64) (T, error) // the value a plan macro uses for key/elem number n
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
		fromInt: func(n int64) (T, error) {
			if int64(T(n)) != n {
				return 0, fmt.Errorf("%d out of range", n)
			}
			return T(n), nil
		},
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
		fromInt: func(n int64) (T, error) {
			if n < 0 || int64(T(n)) != n {
				return 0, fmt.Errorf("%d out of range", n)
			}
			return T(n), nil
		},
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
		fromInt: func(n int64) (T, error) {
			var a T
			if n < 0 {
				return a, fmt.Errorf("%d out of range", n)
			}
			binary.LittleEndian.PutUint64(unsafe.Slice((*byte)(unsafe.Pointer(&a)), 8), uint64(n))
			return a, nil
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
		show:    func(s string) any { return s },
		fromInt: func(n int64) (string, error) { return fmt.Sprintf("k%d", n), nil },
	}
}

func boolCodec() codec[bool] {
	return codec[bool]{
		parse: func(raw json.RawMessage) (bool, error) {
			var b bool
			err := json.Unmarshal(raw, &b)
			return b, err
		},
		show:    func(b bool) any { return b },
		fromInt: func(n int64) (bool, error) { return n%2 != 0, nil },
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

func withKey(tr *trace) (*result, error) {
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

func withElem[K comparable](tr *trace, kc codec[K]) (*result, error) {
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
	plan := flag.Bool("plan", false, "the input is a plan: it may hold the macro ops churn, collide, deleteGroup")
	traceOut := flag.String("trace-out", "", "write the plain trace that was executed (macros expanded) to this file")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mapdump TRACE.json > DUMP.json\n       mapdump -plan -trace-out TRACE.json PLAN.json > DUMP.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if v := runtime.Version(); !strings.HasPrefix(v, "go1.19") {
		fmt.Fprintf(os.Stderr, "mapdump: built with %s; the mirrors match Go 1.19 only\n", v)
		os.Exit(2)
	}
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "mapdump: %s%v\n", what, err)
		os.Exit(1)
	}
	raw, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fail("", err)
	}
	var tr trace
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tr); err != nil {
		fail("bad trace: ", err)
	}
	if tr.Hint < 0 || tr.Hint > math.MaxInt32 {
		fail("bad trace: ", fmt.Errorf("hint %d", tr.Hint))
	}
	tr.plan = *plan
	res, err := withKey(&tr)
	if err != nil {
		fail("", err)
	}
	if *traceOut != "" {
		t, err := json.Marshal(res.trace)
		if err != nil {
			fail("", err)
		}
		if err := os.WriteFile(*traceOut, append(t, '\n'), 0o644); err != nil {
			fail("", err)
		}
	}
	out, err := json.Marshal(res.dump)
	if err != nil {
		fail("", err)
	}
	os.Stdout.Write(append(out, '\n'))
}
