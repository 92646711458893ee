package main

// The trace executor: one generic function per (key, elem) pair, so every map operation is the
// one the compiler emits for that static type. Also the plan macro:
//
//	{"op": "churn", "label": L, "next": N, "max": M, "until": "prune", "tail": T}
//
// repeats pairs of `delete(oldest live key)` and `insert(key N, elem N)` (N counting up; keys
// from numbers as codec.number makes them) until the next insert is one at which the runtime
// calls pruneTombstones and it succeeds (view.pruneAhead), at most M pairs. That insert gets a
// snapshot `L-before` and `L-after` around it; T more pairs follow, then snapshot `L-end`. On a
// fast assign path the table keeps its capacity; on the generic mapassign it grows instead.
// `-trace-out` writes the plain trace that was executed.

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"unsafe"
)

// sink makes every map escape to the heap, as a map kept by a program does.
var sink any

// makeMap makes the trace's map three times with the GC off and returns the last one and the
// least that one make allocated (runtime.MemStats deltas).
func makeMap[K comparable, V any](hint int) (map[K]V, allocJSON) {
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	runtime.GC()
	var m map[K]V
	var best allocJSON
	for i := 0; i < 3; i++ {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if hint == 0 {
			m = make(map[K]V)
		} else {
			m = make(map[K]V, hint)
		}
		runtime.ReadMemStats(&after)
		sink = m
		bytes, mallocs := after.TotalAlloc-before.TotalAlloc, after.Mallocs-before.Mallocs
		if i == 0 || bytes < best.Bytes {
			best.Bytes = bytes
		}
		if i == 0 || mallocs < best.Mallocs {
			best.Mallocs = mallocs
		}
	}
	return m, best
}

// assignPath is the runtime function the compiler calls for m[k] = v
// (cmd/compile/internal/walk.mapfast): the generic mapassign when the elem is over 128 bytes,
// else by the key's algorithm: 4- or 8-byte memory keys without pointers fast32/fast64, strings
// faststr, everything else (int8, int16, bool, [N]byte, ...) the generic one.
func assignPath(mt *MapType) string {
	const (
		kindInt, kindInt32, kindInt64, kindUint, kindUint32, kindUint64, kindUintptr = 2, 5, 6, 7, 10, 11, 12
		kindString                                                                   = 24
		kindMask                                                                     = 1<<5 - 1
	)
	if mt.Elem.Size_ > 128 {
		return "slow"
	}
	switch mt.Key.Kind_ & kindMask {
	case kindInt, kindInt32, kindInt64, kindUint, kindUint32, kindUint64, kindUintptr:
		switch mt.Key.Size_ {
		case 4:
			return "fast32"
		case 8:
			return "fast64"
		}
	case kindString:
		return "faststr"
	}
	return "slow"
}

func typeOf(tr *trace, mt *MapType, l groupLayout) typeJSON {
	layout := "interleaved"
	if l.split {
		layout = "split"
	}
	return typeJSON{
		Key: tr.Key, Elem: tr.Elem,
		// The key's and elem's own sizes (MapType.Key.Size_), also when the slot holds a pointer
		// to them, as the reference dumper of shared/oracle-swiss wrote them (sizes.*.json).
		Keysize: mt.Key.Size_, Elemsize: mt.Elem.Size_,
		Layout: layout, Groupsize: mt.GroupSize, Slotsize: l.slotSize, Elemoff: l.elemOff,
		KeysOff: l.keysOff, KeyStride: l.keyStride, ElemsOff: l.elemsOff, ElemStride: l.elemStride,
		Indirectkey: mt.Flags&mapIndirectKey != 0, Indirectelem: mt.Flags&mapIndirectElem != 0,
		Needkeyupdate: mt.Flags&mapNeedKeyUpdate != 0, Hashmightpanic: mt.Flags&mapHashMightPanic != 0,
		GroupPtrdata: mt.Group.PtrBytes, Assign: assignPath(mt),
	}
}

type executor[K, V comparable] struct {
	view[K, V]
	tr    *trace
	m     map[K]V
	hdr   *Map
	model map[K]V
	fifo  []K // keys in insertion order (may hold deleted ones; churn skips them)

	seeds    []uintptr
	keys     []K // every key the trace names, once
	named    map[K]bool
	executed []op
	lookups  []lookupJSON
	iters    []iterationJSON
	snaps    []snapshotJSON
}

func run[K, V comparable](tr *trace, kc codec[K], vc codec[V]) (*result, error) {
	m, alloc := makeMap[K, V](tr.Hint)
	mt := mapTypeOf(m)
	lay := mt.layout()
	if err := checkGroupType(mt, lay); err != nil {
		return nil, err
	}
	x := &executor[K, V]{
		view: view[K, V]{mt: mt, lay: lay, kc: kc, vc: vc},
		tr:   tr, m: m, hdr: *(**Map)(unsafe.Pointer(&m)), model: map[K]V{}, named: map[K]bool{},
		lookups: []lookupJSON{}, iters: []iterationJSON{}, snaps: []snapshotJSON{}, executed: []op{},
	}
	x.seeds = []uintptr{x.hdr.seed}
	for i, o := range tr.Ops {
		if err := x.do(o); err != nil {
			return nil, fmt.Errorf("ops[%d] (%s): %w", i, o.Op, err)
		}
	}
	d := &dump{
		Name: tr.Name, Goversion: runtime.Version(), Goarch: runtime.GOARCH, Type: typeOf(tr, mt, lay),
		Hint: tr.Hint, Alloc: alloc, Hashes: map[string]map[string]string{}, Snapshots: x.snaps,
	}
	for _, s := range x.seeds {
		h := map[string]string{}
		for _, k := range x.keys {
			h[jsonText(kc.show(k))] = uintptrText(x.hash(k, s))
		}
		d.Seeds = append(d.Seeds, uintptrText(s))
		d.Hashes[uintptrText(s)] = h
	}
	executed := *tr
	executed.Ops = x.executed
	return &result{dump: d, trace: &executed}, nil
}

func (x *executor[K, V]) parseKey(o op) (K, error) {
	if o.Key == nil {
		var zero K
		return zero, errors.New(`needs "key"`)
	}
	k, err := x.kc.parse(o.Key)
	if err == nil && !x.named[k] {
		x.named[k] = true
		x.keys = append(x.keys, k)
	}
	return k, err
}

// do runs one op, records it in the executed trace, and checks len(m) == Map.used after it.
func (x *executor[K, V]) do(o op) error {
	if o.Op != "churn" {
		if o.Next != 0 || o.Max != 0 || o.Tail != 0 || o.Until != "" {
			return errors.New("next/max/tail/until belong to the churn macro")
		}
		x.executed = append(x.executed, o)
	}
	switch o.Op {
	case "insert":
		k, err := x.parseKey(o)
		if err != nil {
			return err
		}
		v, err := x.vc.parse(o.Elem)
		if err != nil {
			return err
		}
		x.m[k] = v
		if _, ok := x.model[k]; !ok {
			x.fifo = append(x.fifo, k)
		}
		x.model[k] = v
	case "delete":
		k, err := x.parseKey(o)
		if err != nil {
			return err
		}
		delete(x.m, k)
		delete(x.model, k)
	case "lookup":
		k, err := x.parseKey(o)
		if err != nil {
			return err
		}
		v, ok := x.m[k]
		want, wantOK := x.model[k]
		if ok != wantOK || v != want {
			return fmt.Errorf("lookup of %s: runtime %v %s, the trace's model %v %s", jsonText(x.kc.show(k)), ok, jsonText(x.vc.show(v)), wantOK, jsonText(x.vc.show(want)))
		}
		l := lookupJSON{Key: x.kc.show(k), Found: ok}
		if ok {
			l.Elem = x.vc.show(v)
		}
		x.lookups = append(x.lookups, l)
	case "iterate":
		it, err := x.iterate()
		if err != nil {
			return err
		}
		x.iters = append(x.iters, it)
	case "clear":
		clear(x.m)
		clear(x.model)
	case "snapshot":
		if o.Label == nil {
			return errors.New(`needs "label"`)
		}
		if o.Key != nil || o.Elem != nil {
			return errors.New("a snapshot has only a label")
		}
		s := x.snapshot(x.hdr, *o.Label)
		s.Lookups, s.Iterations = x.lookups, x.iters
		x.lookups, x.iters = []lookupJSON{}, []iterationJSON{}
		if err := x.selfCheck(x.hdr, x.model); err != nil {
			return fmt.Errorf("self-check at snapshot %q: %w", *o.Label, err)
		}
		x.snaps = append(x.snaps, s)
	case "churn":
		if !x.tr.plan {
			return errors.New("churn is a plan macro (run with -plan)")
		}
		return x.churn(o)
	default:
		return fmt.Errorf("unknown op %q (insert, delete, lookup, iterate, clear, snapshot)", o.Op)
	}
	if n := len(x.m); uint64(n) != x.hdr.used || n != len(x.model) {
		return fmt.Errorf("len(m) %d, Map.used %d, the trace's model %d", n, x.hdr.used, len(x.model))
	}
	if s := x.hdr.seed; s != x.seeds[len(x.seeds)-1] {
		x.seeds = append(x.seeds, s)
	}
	return nil
}

// iterate ranges over the map with reflect.MapIter, whose maps.Iter holds the two random
// offsets Iter.Init drew; they are read after the first step (on an empty map Init draws none).
func (x *executor[K, V]) iterate() (iterationJSON, error) {
	it := reflect.ValueOf(x.m).MapRange()
	hiter := &(*MapIter)(unsafe.Pointer(it)).hiter
	res := iterationJSON{EntryOffset: offsetText(0), DirOffset: offsetText(0), Order: []any{}}
	seen := map[K]bool{}
	for it.Next() {
		if len(seen) == 0 {
			res.EntryOffset, res.DirOffset = offsetText(hiter.entryOffset), offsetText(hiter.dirOffset)
		}
		k := it.Key().Interface().(K)
		if _, ok := x.model[k]; !ok || seen[k] {
			return res, fmt.Errorf("iteration returned %s (in the model %v, returned before %v)", jsonText(x.kc.show(k)), ok, seen[k])
		}
		seen[k] = true
		res.Order = append(res.Order, x.kc.show(k))
	}
	if len(seen) != len(x.model) {
		return res, fmt.Errorf("iteration returned %d keys, the map holds %d", len(seen), len(x.model))
	}
	return res, nil
}

func (x *executor[K, V]) churn(o op) error {
	if o.Label == nil || o.Max <= 0 || o.Until != "prune" {
		return errors.New(`churn needs "label", "max" > 0 and "until": "prune"`)
	}
	label, next := *o.Label, o.Next
	snap := func(suffix string) error {
		l := label + "-" + suffix
		return x.do(op{Op: "snapshot", Label: &l})
	}
	pair := func(watch bool) (bool, error) {
		for len(x.fifo) > 0 {
			k := x.fifo[0]
			x.fifo = x.fifo[1:]
			if _, ok := x.model[k]; ok {
				if err := x.do(op{Op: "delete", Key: json.RawMessage(jsonText(x.kc.show(k)))}); err != nil {
					return false, err
				}
				break
			}
		}
		for {
			k := x.kc.number(next)
			v := x.vc.number(next)
			next++
			if _, ok := x.model[k]; ok {
				continue
			}
			ins := op{Op: "insert", Key: json.RawMessage(jsonText(x.kc.show(k))), Elem: json.RawMessage(jsonText(x.vc.show(v)))}
			if ahead, why := x.pruneAhead(x.hdr, k); watch && ahead {
				fmt.Fprintf(debugOut, "swissdump: %s: pruneTombstones will succeed at the next insert (%s)\n", label, why)
				if err := snap("before"); err != nil {
					return false, err
				}
				if err := x.do(ins); err != nil {
					return false, err
				}
				return true, snap("after")
			}
			return false, x.do(ins)
		}
	}
	for i := 0; i < o.Max; i++ {
		hit, err := pair(true)
		if err != nil {
			return err
		}
		if hit {
			for j := 0; j < o.Tail; j++ {
				if _, err := pair(false); err != nil {
					return err
				}
			}
			break
		}
	}
	return snap("end")
}
