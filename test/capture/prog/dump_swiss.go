//go:build go1.24

// The Swiss-table map's own view (Go ≥ 1.24 internal/runtime/maps), through mirrors of Map and
// table (unchanged from 1.24 to 1.27) and of abi.MapType (maptype_go126.go, maptype_go127.go).

package main

import (
	"fmt"
	"reflect"
	"runtime"
	"unsafe"
)

type swissMap struct {
	used              uint64
	seed              uintptr
	dirPtr            unsafe.Pointer
	dirLen            int
	globalDepth       uint8
	globalShift       uint8
	writing           uint8
	tombstonePossible bool
	clearSeq          uint64
}

type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int
	groups     struct {
		data       unsafe.Pointer
		lengthMask uint64
	}
}

// abiType mirrors internal/abi.Type.
type abiType struct {
	Size_       uintptr
	PtrBytes    uintptr
	Hash        uint32
	TFlag       uint8
	Align_      uint8
	FieldAlign_ uint8
	Kind_       uint8
	Equal       func(unsafe.Pointer, unsafe.Pointer) bool
	GCData      *byte
	Str         int32
	PtrToThis   int32
}

const (
	slotsPerGroup   = 8
	ctrlEmpty       = 0b10000000
	mapIndirectKey  = 1 << 2 // abi.MapIndirectKey
	mapIndirectElem = 1 << 3 // abi.MapIndirectElem
)

func goversion() string { return runtime.Version() }

// growing: a Swiss map grows a table at once, never incrementally.
func growing(map[int64]int64) bool { return false }

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

type swissSnapshot struct {
	Address           string      `json:"address"`
	Used              uint64      `json:"used"`
	Seed              string      `json:"seed"`
	DirLen            int         `json:"dirLen"`
	GlobalDepth       uint8       `json:"globalDepth"`
	GlobalShift       uint8       `json:"globalShift"`
	TombstonePossible bool        `json:"tombstonePossible"`
	ClearSeq          uint64      `json:"clearSeq"`
	Group             *groupJSON  `json:"group"`
	Directory         []int       `json:"directory"`
	Tables            []tableJSON `json:"tables"`
	Type              swissType   `json:"type"`
}

type swissType struct {
	Key          string `json:"key"`
	Elem         string `json:"elem"`
	Keysize      int    `json:"keysize"`
	Elemsize     int    `json:"elemsize"`
	Layout       string `json:"layout"`
	Groupsize    int    `json:"groupsize"`
	Slotsize     int    `json:"slotsize"`
	Elemoff      int    `json:"elemoff"`
	KeysOff      int    `json:"keysOff"`
	KeyStride    int    `json:"keyStride"`
	ElemsOff     int    `json:"elemsOff"`
	ElemStride   int    `json:"elemStride"`
	Indirectkey  bool   `json:"indirectkey"`
	Indirectelem bool   `json:"indirectelem"`
}

func snapshot(m any) any {
	tp, hp := mapParts(m)
	mt, h := (*mapType)(tp), (*swissMap)(hp)
	rt := reflect.TypeOf(m)
	l := mt.layout()
	s := swissSnapshot{
		Address: hexAddr(hp), Used: h.used, Seed: fmt.Sprintf("0x%0*x", 2*unsafe.Sizeof(uintptr(0)), h.seed),
		DirLen: h.dirLen, GlobalDepth: h.globalDepth, GlobalShift: h.globalShift,
		TombstonePossible: h.tombstonePossible, ClearSeq: h.clearSeq,
		Directory: []int{}, Tables: []tableJSON{},
		Type: swissType{
			Key: rt.Key().String(), Elem: rt.Elem().String(),
			Keysize: slotSize(mt.Key, mt.Flags&mapIndirectKey != 0), Elemsize: slotSize(mt.Elem, mt.Flags&mapIndirectElem != 0),
			Layout: l.layout, Groupsize: int(mt.GroupSize),
			Slotsize: int(l.slotSize), Elemoff: int(l.elemOff), KeysOff: int(l.keysOff), KeyStride: int(l.keyStride),
			ElemsOff: int(l.elemsOff), ElemStride: int(l.elemStride),
			Indirectkey: mt.Flags&mapIndirectKey != 0, Indirectelem: mt.Flags&mapIndirectElem != 0,
		},
	}
	if h.dirLen == 0 {
		if h.dirPtr != nil {
			g := readGroup(mt, rt, l, h.dirPtr)
			s.Group = &g
		}
		return s
	}
	dir := unsafe.Slice((**table)(h.dirPtr), h.dirLen)
	seen := map[*table]int{}
	for _, t := range dir {
		i, ok := seen[t]
		if !ok {
			i = len(s.Tables)
			seen[t] = i
			tj := tableJSON{Used: t.used, Capacity: t.capacity, GrowthLeft: t.growthLeft, LocalDepth: t.localDepth, Index: t.index}
			for g := uint64(0); g <= t.groups.lengthMask; g++ {
				tj.Groups = append(tj.Groups, readGroup(mt, rt, l, unsafe.Add(t.groups.data, uintptr(g)*mt.GroupSize)))
			}
			s.Tables = append(s.Tables, tj)
		}
		s.Directory = append(s.Directory, i)
	}
	return s
}

// slotSize is the bytes a key or elem takes in a slot: a pointer when stored indirectly.
func slotSize(t *abiType, indirect bool) int {
	if indirect {
		return int(unsafe.Sizeof(uintptr(0)))
	}
	return int(t.Size_)
}

func readGroup(mt *mapType, rt reflect.Type, l groupLayout, g unsafe.Pointer) groupJSON {
	var j groupJSON
	j.Ctrl = *(*[slotsPerGroup]uint8)(g) // the control word is the group's first field
	for i := 0; i < slotsPerGroup; i++ {
		if j.Ctrl[i]&ctrlEmpty != 0 {
			continue // empty or deleted
		}
		j.Keys[i] = slot(rt.Key(), unsafe.Add(g, l.keysOff+uintptr(i)*l.keyStride), mt.Flags&mapIndirectKey != 0)
		j.Elems[i] = slot(rt.Elem(), unsafe.Add(g, l.elemsOff+uintptr(i)*l.elemStride), mt.Flags&mapIndirectElem != 0)
	}
	return j
}

// groupLayout: key i of a group is at keysOff + i*keyStride, elem i at elemsOff + i*elemStride.
type groupLayout struct {
	layout                                   string
	keysOff, keyStride, elemsOff, elemStride uintptr
	slotSize, elemOff                        uintptr
}
