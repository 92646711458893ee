package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"unsafe"
)

// ---- typed ops ----

type tOp[K comparable, V any] struct {
	kind  string
	key   K
	elem  V
	label string
	after int
	ops   []tOp[K, V]
	src   op // the op as read (macro parameters)
}

var plainOps = map[string]bool{"insert": true, "delete": true, "lookup": true, "snapshot": true,
	"clear": true, "clearloop": true, "iterate": true}

// planMacro lists the ops that only a plan (mapdump -plan) may hold.
var planMacro = map[string]bool{"churn": true, "collide": true, "deleteGroup": true}

// compile checks and converts the trace's ops; names collects every key the trace names.
func compile[K comparable, V any](ops []op, nested, plan bool, kc codec[K], vc codec[V], names *keyNames[K]) ([]tOp[K, V], error) {
	out := make([]tOp[K, V], 0, len(ops))
	for i, o := range ops {
		t := tOp[K, V]{kind: o.Op, label: o.Label, after: o.After, src: o}
		var err error
		macroField := o.From != 0 || o.Next != 0 || o.Count != 0 || o.Max != 0 || o.Tail != 0 ||
			o.Bucket != 0 || o.Bits != 0 || o.Group != ""
		switch {
		case o.Op == "insert":
			if t.key, err = kc.parse(o.Key); err == nil {
				t.elem, err = vc.parse(o.Elem)
			}
		case o.Op == "delete" || o.Op == "lookup":
			t.key, err = kc.parse(o.Key)
		case nested && (plainOps[o.Op] || planMacro[o.Op]):
			err = errors.New("only insert, delete and lookup may be nested in iterate")
		case o.Op == "iterate":
			if o.After < 0 {
				err = errors.New("after must be >= 0")
			} else {
				t.ops, err = compile(o.Ops, true, plan, kc, vc, names)
			}
		case plainOps[o.Op]:
		case planMacro[o.Op] && plan:
			macroField = false
		case planMacro[o.Op]:
			err = errors.New("a plan macro: run it with mapdump -plan")
		default:
			err = errors.New("unknown op")
		}
		if err == nil && macroField {
			err = errors.New("macro fields on a plain op")
		}
		if err == nil && o.Op != "iterate" && len(o.Ops) > 0 {
			err = errors.New("nested ops outside iterate")
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

// runner holds one run: the real map, its runtime state and what has been recorded.
type runner[K comparable, V any] struct {
	kc         codec[K]
	vc         codec[V]
	m          map[K]V
	mt         *maptype
	h          *hmap
	seeds      []uint32
	lookups    []lookupJSON
	iterations []iterationJSON
	snapshots  []snapshotJSON
	names      *keyNames[K]
	emitted    []op // the plain ops executed, for the emitted trace
	groups     map[string][]K
	nextCand   int64 // next candidate number for collide
}

func (r *runner[K, V]) noteSeed() {
	if r.h.hash0 != r.seeds[len(r.seeds)-1] {
		r.seeds = append(r.seeds, r.h.hash0)
	}
}

func (r *runner[K, V]) plain(o *tOp[K, V]) op {
	e := op{Op: o.kind, Label: o.label, After: o.after}
	switch o.kind {
	case "insert":
		e.Key = json.RawMessage(jsonText(r.kc.show(o.key)))
		e.Elem = json.RawMessage(jsonText(r.vc.show(o.elem)))
	case "delete", "lookup":
		e.Key = json.RawMessage(jsonText(r.kc.show(o.key)))
	case "iterate":
		for i := range o.ops {
			e.Ops = append(e.Ops, r.plain(&o.ops[i]))
		}
	}
	return e
}

// exec runs one top-level op (a plain op, or a plan macro expanded into plain ops).
func (r *runner[K, V]) exec(o *tOp[K, V]) error {
	if planMacro[o.kind] {
		return r.macro(o)
	}
	r.emitted = append(r.emitted, r.plain(o))
	r.apply(o)
	return nil
}

func (r *runner[K, V]) apply(o *tOp[K, V]) {
	switch o.kind {
	case "insert":
		r.m[o.key] = o.elem
	case "delete":
		delete(r.m, o.key)
	case "lookup":
		v, ok := r.m[o.key]
		l := lookupJSON{Key: r.kc.show(o.key), Found: ok}
		if ok {
			l.Elem = r.vc.show(v)
		}
		r.lookups = append(r.lookups, l)
	case "clear":
		mapclear(unsafe.Pointer(r.mt), unsafe.Pointer(r.h))
	case "clearloop":
		r.iterations = append(r.iterations, iterate(r.m, r.kc, func(k K) { delete(r.m, k); r.noteSeed() }, 0, nil))
	case "iterate":
		var nested func()
		if len(o.ops) > 0 {
			nested = func() {
				for i := range o.ops {
					r.apply(&o.ops[i])
				}
			}
		}
		r.iterations = append(r.iterations, iterate(r.m, r.kc, nil, o.after, nested))
	case "snapshot":
		s := snapshot(r.mt, r.h, o.label, r.kc, r.vc)
		s.Lookups, s.Iterations = r.lookups, r.iterations
		r.lookups, r.iterations = nil, nil
		r.snapshots = append(r.snapshots, s)
	}
	r.noteSeed()
}

func (r *runner[K, V]) do(kind string, k K, v V, label string) {
	o := tOp[K, V]{kind: kind, key: k, elem: v, label: label}
	if kind == "insert" || kind == "delete" || kind == "lookup" {
		r.names.add(k, r.kc)
	}
	r.emitted = append(r.emitted, r.plain(&o))
	r.apply(&o)
}

func (r *runner[K, V]) keyElem(n int64) (K, V, error) {
	k, err := r.kc.fromInt(n)
	if err != nil {
		var v V
		return k, v, err
	}
	v, err := r.vc.fromInt(n)
	return k, v, err
}

// macro expands a plan macro on the real map (keys may be chosen by their hashes
// under the map's current hash0, in this process), emitting the plain ops it runs.
//
//	churn:       pairs of delete(key from++) then insert(key next++, elem next), at most
//	             max pairs, until a same-size growth has started and finished; then
//	             tail more pairs. Snapshots (label-N): before the insert that will
//	             start the growth (noverflow already too many), after every op while
//	             the same-size growth runs, and at the end (label-end).
//	collide:     insert count fresh keys (numbers from `from` upwards, skipping keys
//	             already in the map) whose hash & (2^bits-1) == bucket, where bits
//	             defaults to the current B; elem = key number. Remembered as group;
//	             with a label, snapshot label-INDEX after each insert.
//	deleteGroup: delete the group's keys in insertion order: count of them (0: all)
//	             starting at index from; with a label, snapshot label-INDEX after each.
func (r *runner[K, V]) macro(o *tOp[K, V]) error {
	p := o.src
	switch o.kind {
	case "churn":
		if p.Max <= 0 {
			return errors.New("churn: max must be > 0")
		}
		from, next := p.From, p.Next
		snapN := 0
		snap := func() {
			snapN++
			var z K
			var zv V
			r.do("snapshot", z, zv, fmt.Sprintf("%s-%d", p.Label, snapN))
		}
		state := 0 // 0 before the same-size growth, 1 during, 2 after
		tail := 0
		for pairs := 0; pairs < p.Max && (state < 2 || tail < p.Tail); pairs++ {
			if state == 2 {
				tail++
			}
			k, v, err := r.keyElem(from)
			if err != nil {
				return err
			}
			from++
			r.do("delete", k, v, "")
			if state == 1 {
				snap()
				if r.h.oldbuckets == nil {
					state = 2
				}
			}
			k, v, err = r.keyElem(next)
			if err != nil {
				return err
			}
			next++
			if state == 0 && r.h.oldbuckets == nil && tooManyOverflow(r.h) {
				snap()
			}
			r.do("insert", k, v, "")
			if state == 0 && r.h.flags&flagSameSizeGrow != 0 {
				state = 1
			}
			if state == 1 {
				snap()
				if r.h.oldbuckets == nil {
					state = 2
				}
			}
		}
		var z K
		var zv V
		r.do("snapshot", z, zv, p.Label+"-end")
	case "collide":
		bits := int(r.h.B)
		if p.Bits != 0 {
			bits = p.Bits
		}
		mask := uint64(1)<<bits - 1
		if p.Count <= 0 || uint64(p.Bucket) > mask {
			return errors.New("collide: bad count or bucket")
		}
		if p.From > r.nextCand {
			r.nextCand = p.From
		}
		for found := 0; found < p.Count; r.nextCand++ {
			if r.nextCand > p.From+1<<40 {
				return errors.New("collide: no candidates left")
			}
			k, v, err := r.keyElem(r.nextCand)
			if err != nil {
				return err
			}
			if _, in := r.m[k]; in {
				continue
			}
			hash := uint64(r.mt.hasher(unsafe.Pointer(&k), uintptr(r.h.hash0)))
			if hash&mask != uint64(p.Bucket) {
				continue
			}
			r.do("insert", k, v, "")
			r.groups[p.Group] = append(r.groups[p.Group], k)
			found++
			if p.Label != "" {
				r.do("snapshot", k, v, fmt.Sprintf("%s-%d", p.Label, len(r.groups[p.Group])-1))
			}
		}
	case "deleteGroup":
		g, ok := r.groups[p.Group]
		if !ok {
			return fmt.Errorf("deleteGroup: no group %q", p.Group)
		}
		lo, hi := int(p.From), len(g)
		if p.Count > 0 && lo+p.Count < hi {
			hi = lo + p.Count
		}
		if lo < 0 || lo > len(g) {
			return errors.New("deleteGroup: from out of range")
		}
		var zk K
		var zv V
		for i, k := range g[lo:hi] {
			r.do("delete", k, zv, "")
			if p.Label != "" {
				r.do("snapshot", zk, zv, fmt.Sprintf("%s-%d", p.Label, lo+i))
			}
		}
	}
	return nil
}

// tooManyOverflow is the runtime's tooManyOverflowBuckets(h.noverflow, h.B).
func tooManyOverflow(h *hmap) bool {
	b := h.B
	if b > 15 {
		b = 15
	}
	return h.noverflow >= uint16(1)<<(b&15)
}

// ---- the run ----

func run[K comparable, V any](tr *trace, kc codec[K], vc codec[V]) (*result, error) {
	names := &keyNames[K]{text: map[K]string{}}
	ops, err := compile(tr.Ops, false, tr.plan, kc, vc, names)
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
	r := &runner[K, V]{
		kc: kc, vc: vc, m: m,
		mt:     (*maptype)(ef.typ),
		h:      (*hmap)(ef.data),
		names:  names,
		groups: map[string][]K{},
	}
	r.seeds = []uint32{r.h.hash0}
	for i := range ops {
		if err := r.exec(&ops[i]); err != nil {
			return nil, fmt.Errorf("op %d (%q): %w", i, ops[i].kind, err)
		}
	}
	runtime.KeepAlive(m)

	mt := r.mt
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
		Snapshots: r.snapshots,
		Seeds:     []string{},
		Hashes:    map[string]map[string]string{},
		Alloc: allocJSON{
			Bytes:   after.TotalAlloc - before.TotalAlloc,
			Mallocs: after.Mallocs - before.Mallocs,
		},
	}
	if d.Snapshots == nil {
		d.Snapshots = []snapshotJSON{}
	}
	for _, s := range r.seeds {
		tab := map[string]string{}
		for _, k := range names.keys {
			k := k
			tab[names.text[k]] = hashText(uint64(mt.hasher(unsafe.Pointer(&k), uintptr(s))))
		}
		d.Hashes[seedText(s)] = tab
		d.Seeds = append(d.Seeds, seedText(s))
	}
	out := &trace{Key: tr.Key, Elem: tr.Elem, Hint: tr.Hint, Ops: r.emitted}
	return &result{dump: d, trace: out}, nil
}

// iterate ranges over m with reflect.MapIter, reads the hiter's startBucket and offset
// after the first Next (mapiterinit runs there), calls each(key) for every key
// returned, and runs nested() once as soon as `after` keys have been returned
// (before the first Next when after == 0; after the loop if the range ended sooner).
func iterate[K comparable, V any](m map[K]V, kc codec[K], each func(K), after int, nested func()) iterationJSON {
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
			each(k)
		}
	}
	if pending {
		nested()
	}
	return res
}
