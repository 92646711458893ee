package main

// Reading a live map through the mirrors: its small group or its directory, tables and groups
// (the dump's snapshot), and FORMAT.md's "Self-check" of what was read.
//
// Glossary, in internal/runtime/maps' words: a group is 8 slots and a control word of 8 bytes,
// one per slot: ctrlEmpty, ctrlDeleted (a tombstone), or h2 = hash & 0x7f for a full slot. h1 =
// hash >> 7 picks a key's first group in a table; the probe sequence then visits groups p, p+1,
// p+3, p+6, ... (mod the group count) and stops at the first group with an empty slot. A small
// map (dirLen 0) is one group and nothing else. Otherwise the directory has 2^globalDepth
// entries, hash >> globalShift picks one, and each table fills the aligned run of
// 2^(globalDepth-localDepth) entries starting at its index.

import (
	"fmt"
	"unsafe"
)

// view reads the groups of one map type.
type view[K, V comparable] struct {
	mt  *MapType
	lay groupLayout
	kc  codec[K]
	vc  codec[V]
}

func (v *view[K, V]) hash(k K, seed uintptr) uintptr {
	return v.mt.Hasher(unsafe.Pointer(&k), seed)
}

func ctrls(g unsafe.Pointer) *[slotsPerGroup]uint8 { return (*[slotsPerGroup]uint8)(g) }

func isFull(c uint8) bool { return c&ctrlEmpty == 0 }

func (v *view[K, V]) key(g unsafe.Pointer, i int) K {
	p := unsafe.Add(g, v.lay.keysOff+uintptr(i)*v.lay.keyStride)
	if v.mt.Flags&mapIndirectKey != 0 {
		p = *(*unsafe.Pointer)(p)
	}
	return *(*K)(p)
}

func (v *view[K, V]) elem(g unsafe.Pointer, i int) V {
	p := unsafe.Add(g, v.lay.elemsOff+uintptr(i)*v.lay.elemStride)
	if v.mt.Flags&mapIndirectElem != 0 {
		p = *(*unsafe.Pointer)(p)
	}
	return *(*V)(p)
}

func (v *view[K, V]) groupJSON(g unsafe.Pointer) groupJSON {
	var j groupJSON
	j.Ctrl = *ctrls(g)
	for i, c := range j.Ctrl {
		if isFull(c) {
			j.Keys[i] = v.kc.show(v.key(g, i))
			j.Elems[i] = v.vc.show(v.elem(g, i))
		}
	}
	return j
}

func (t *table) group(mt *MapType, i uint64) unsafe.Pointer {
	return unsafe.Add(t.groups.data, uintptr(i)*mt.GroupSize)
}

// directory is the map's directory entries (nil for a small map).
func directory(m *Map) []*table {
	if m.dirLen == 0 {
		return nil
	}
	return unsafe.Slice((**table)(m.dirPtr), m.dirLen)
}

// distinctTables lists each table once in directory order, and each entry's index in that list.
func distinctTables(m *Map) (tabs []*table, dir []int) {
	seen := map[*table]int{}
	dir = []int{}
	for _, t := range directory(m) {
		i, ok := seen[t]
		if !ok {
			i = len(tabs)
			seen[t] = i
			tabs = append(tabs, t)
		}
		dir = append(dir, i)
	}
	return tabs, dir
}

func (v *view[K, V]) snapshot(m *Map, label string) snapshotJSON {
	s := snapshotJSON{
		Label: label, Used: m.used, Seed: uintptrText(m.seed), DirLen: m.dirLen,
		GlobalDepth: m.globalDepth, GlobalShift: m.globalShift, TombstonePossible: m.tombstonePossible,
		ClearSeq: m.clearSeq, Tables: []tableJSON{}, Lookups: []lookupJSON{}, Iterations: []iterationJSON{},
	}
	if m.dirLen == 0 && m.dirPtr != nil {
		g := v.groupJSON(m.dirPtr)
		s.Group = &g
	}
	tabs, dir := distinctTables(m)
	s.Directory = dir
	for _, t := range tabs {
		tj := tableJSON{Used: t.used, Capacity: t.capacity, GrowthLeft: t.growthLeft, LocalDepth: t.localDepth, Index: t.index}
		for i := uint64(0); i <= t.groups.lengthMask; i++ {
			tj.Groups = append(tj.Groups, v.groupJSON(t.group(v.mt, i)))
		}
		s.Tables = append(s.Tables, tj)
	}
	return s
}

// tableFor is the table a hash selects: directory entry hash >> globalShift (0 with one entry).
func tableFor(m *Map, hash uintptr) *table {
	if m.dirLen == 1 {
		return directory(m)[0]
	}
	return directory(m)[uint64(hash)>>(m.globalShift&63)]
}

// probe calls visit with the groups of the probe sequence of hash (h1 = hash >> 7), in order,
// until visit returns false; it visits every group once at most.
func probe(t *table, hash uintptr, visit func(g uint64) bool) {
	mask := t.groups.lengthMask
	offset := uint64(hash>>7) & mask
	for index := uint64(0); index <= mask; index++ {
		if !visit(offset) {
			return
		}
		offset = (offset + index + 1) & mask
	}
}

// groupCounts counts the full, deleted and empty slots of a group.
func groupCounts(g unsafe.Pointer) (full, deleted, empty int) {
	for _, c := range ctrls(g) {
		switch {
		case isFull(c):
			full++
		case c == ctrlDeleted:
			deleted++
		case c == ctrlEmpty:
			empty++
		}
	}
	return
}

// selfCheck is FORMAT.md's "Self-check" of the live map against the trace's model.
func (v *view[K, V]) selfCheck(m *Map, model map[K]V) error {
	seen := 0
	entry := func(where string, g unsafe.Pointer, i int, c uint8) error {
		k, e := v.key(g, i), v.elem(g, i)
		if h2 := uint8(v.hash(k, m.seed) & 0x7f); c != h2 {
			return fmt.Errorf("%s slot %d: ctrl %d, h2 of its key is %d", where, i, c, h2)
		}
		want, ok := model[k]
		if !ok || want != e {
			return fmt.Errorf("%s slot %d: key %v elem %v, the trace's model has %v (present %v)", where, i, jsonText(v.kc.show(k)), jsonText(v.vc.show(e)), jsonText(v.vc.show(want)), ok)
		}
		seen++
		return nil
	}
	if m.dirLen == 0 {
		if m.dirPtr == nil {
			if m.used != 0 {
				return fmt.Errorf("small map without a group has used %d", m.used)
			}
		} else {
			for i, c := range ctrls(m.dirPtr) {
				if c == ctrlDeleted {
					return fmt.Errorf("small map: tombstone in slot %d", i)
				}
				if isFull(c) {
					if err := entry("small group", m.dirPtr, i, c); err != nil {
						return err
					}
				}
			}
		}
	} else if err := v.checkTables(m, entry); err != nil {
		return err
	}
	if uint64(seen) != m.used || seen != len(model) {
		return fmt.Errorf("%d full slots, Map.used %d, the trace's model has %d keys", seen, m.used, len(model))
	}
	return nil
}

func (v *view[K, V]) checkTables(m *Map, entry func(string, unsafe.Pointer, int, uint8) error) error {
	if m.dirLen != 1<<m.globalDepth || uintptr(m.globalShift) != hashBits-uintptr(m.globalDepth) {
		return fmt.Errorf("dirLen %d, globalDepth %d, globalShift %d", m.dirLen, m.globalDepth, m.globalShift)
	}
	dir := directory(m)
	tabs, _ := distinctTables(m)
	var sumUsed uint64
	for ti, t := range tabs {
		where := fmt.Sprintf("table %d", ti)
		if t.localDepth > m.globalDepth {
			return fmt.Errorf("%s: localDepth %d > globalDepth %d", where, t.localDepth, m.globalDepth)
		}
		run := 1 << (m.globalDepth - t.localDepth)
		if t.index%run != 0 || t.index+run > len(dir) {
			return fmt.Errorf("%s: index %d is not the start of an aligned run of %d entries", where, t.index, run)
		}
		for d := range dir {
			if (dir[d] == t) != (d >= t.index && d < t.index+run) {
				return fmt.Errorf("%s (index %d, run %d): directory entry %d", where, t.index, run, d)
			}
		}
		groups := t.groups.lengthMask + 1
		if uint64(t.capacity) != groups*slotsPerGroup || t.capacity&(t.capacity-1) != 0 || t.capacity > maxTableCapacity {
			return fmt.Errorf("%s: capacity %d with %d groups", where, t.capacity, groups)
		}
		full, deleted, empty := 0, 0, 0
		for gi := uint64(0); gi < groups; gi++ {
			g := t.group(v.mt, gi)
			f, d, e := groupCounts(g)
			full, deleted, empty = full+f, deleted+d, empty+e
			if d > 0 && e > 0 {
				return fmt.Errorf("%s group %d: both a tombstone and an empty slot", where, gi)
			}
			for i, c := range ctrls(g) {
				if !isFull(c) {
					continue
				}
				gw := fmt.Sprintf("%s group %d", where, gi)
				if err := entry(gw, g, i, c); err != nil {
					return err
				}
				hash := v.hash(v.key(g, i), m.seed)
				if tableFor(m, hash) != t {
					return fmt.Errorf("%s slot %d: its hash selects another table", gw, i)
				}
				var err error
				reached := false
				probe(t, hash, func(p uint64) bool {
					if p == gi {
						reached = true
						return false
					}
					if _, _, e := groupCounts(t.group(v.mt, p)); e > 0 {
						err = fmt.Errorf("%s slot %d: its probe sequence stops at group %d first", gw, i, p)
						return false
					}
					return true
				})
				if err == nil && !reached {
					err = fmt.Errorf("%s slot %d: not on its probe sequence", gw, i)
				}
				if err != nil {
					return err
				}
			}
		}
		if full != int(t.used) || deleted != int(t.capacity)*maxAvgGroupLoad/slotsPerGroup-int(t.used)-int(t.growthLeft) {
			return fmt.Errorf("%s: %d full, %d deleted; used %d, growthLeft %d, capacity %d", where, full, deleted, t.used, t.growthLeft, t.capacity)
		}
		if deleted > 0 && !m.tombstonePossible {
			return fmt.Errorf("%s: %d tombstones but tombstonePossible is false", where, deleted)
		}
		if empty == 0 {
			return fmt.Errorf("%s: no empty slot", where)
		}
		sumUsed += uint64(t.used)
	}
	if sumUsed != m.used {
		return fmt.Errorf("tables hold %d, Map.used %d", sumUsed, m.used)
	}
	return nil
}

// pruneAhead reports whether inserting the new key k now makes the runtime call
// pruneTombstones with success (table.pruneTombstones, Go 1.26/1.27): the table k goes to has
// growthLeft 0, k's probe sequence reaches a group with an empty slot without passing a
// tombstone (else the insert reuses it), at least 10% of the capacity are tombstones, and at
// least 10% are in groups no key's probe sequence needs (groups that have an empty slot, or
// that some key passes before reaching its own group). Only the fast assign paths prune; the
// generic mapassign rehashes in the same state.
func (v *view[K, V]) pruneAhead(m *Map, k K) (bool, string) {
	if m.dirLen == 0 {
		return false, ""
	}
	t := tableFor(m, v.hash(k, m.seed))
	if t.growthLeft != 0 {
		return false, ""
	}
	passesTombstone := false
	probe(t, v.hash(k, m.seed), func(p uint64) bool {
		_, d, e := groupCounts(t.group(v.mt, p))
		passesTombstone = d > 0
		return d == 0 && e == 0
	})
	if passesTombstone {
		return false, ""
	}
	groups := t.groups.lengthMask + 1
	needed := make([]bool, groups)
	tombstones := 0
	for gi := uint64(0); gi < groups; gi++ {
		g := t.group(v.mt, gi)
		_, d, e := groupCounts(g)
		tombstones += d
		needed[gi] = needed[gi] || e > 0
		for i, c := range ctrls(g) {
			if !isFull(c) {
				continue
			}
			probe(t, v.hash(v.key(g, i), m.seed), func(p uint64) bool {
				if p == gi {
					return false
				}
				if _, d, _ := groupCounts(t.group(v.mt, p)); d > 0 {
					needed[p] = true
				}
				return true
			})
		}
	}
	if tombstones*10 < int(t.capacity) {
		return false, ""
	}
	free := 0
	for gi := uint64(0); gi < groups; gi++ {
		if !needed[gi] {
			_, d, _ := groupCounts(t.group(v.mt, gi))
			free += d
		}
	}
	if free*10 < int(t.capacity) {
		return false, ""
	}
	return true, fmt.Sprintf("capacity %d, %d tombstones, %d in groups no probe sequence needs", t.capacity, tombstones, free)
}
