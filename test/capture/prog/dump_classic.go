//go:build !go1.24

// The classic map's own view (Go ≤ 1.23 runtime/map.go), through mirrors of Go 1.19's hmap,
// mapextra and maptype (the same layouts as test/oracle/mapdump).

package main

import (
	"fmt"
	"reflect"
	"runtime"
	"unsafe"
)

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

type mapextra struct {
	overflow     unsafe.Pointer
	oldoverflow  unsafe.Pointer
	nextOverflow unsafe.Pointer
}

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

const (
	bucketCnt        = 8
	dataOffset       = 8 // the keys follow tophash [8]uint8
	minTopHash       = 5
	flagIndirectKey  = 1
	flagIndirectElem = 2
	flagSameSizeGrow = 8
	ptrSize          = unsafe.Sizeof(uintptr(0))
)

func goversion() string { return runtime.Version() }

// growing reports whether the map is between hashGrow and the end of its evacuation.
func growing(m map[int64]int64) bool {
	_, h := mapParts(m)
	return (*hmap)(h).oldbuckets != nil
}

type bmapJSON struct {
	Tophash [bucketCnt]uint8 `json:"tophash"`
	Keys    [bucketCnt]any   `json:"keys"`
	Elems   [bucketCnt]any   `json:"elems"`
}

type classicSnapshot struct {
	Address          string       `json:"address"`
	Count            int          `json:"count"`
	Flags            uint8        `json:"flags"`
	B                uint8        `json:"B"`
	Noverflow        uint16       `json:"noverflow"`
	Hash0            string       `json:"hash0"`
	Growing          bool         `json:"growing"`
	SameSizeGrow     bool         `json:"sameSizeGrow"`
	Nevacuate        uint64       `json:"nevacuate"`
	NextOverflowFree int          `json:"nextOverflowFree"`
	Buckets          [][]bmapJSON `json:"buckets"`
	Oldbuckets       [][]bmapJSON `json:"oldbuckets"`
	Type             classicType  `json:"type"`
}

type classicType struct {
	Key          string `json:"key"`
	Elem         string `json:"elem"`
	Keysize      int    `json:"keysize"`
	Elemsize     int    `json:"elemsize"`
	Bucketsize   int    `json:"bucketsize"`
	Indirectkey  bool   `json:"indirectkey"`
	Indirectelem bool   `json:"indirectelem"`
}

func snapshot(m any) any {
	tp, hp := mapParts(m)
	mt, h := (*maptype)(tp), (*hmap)(hp)
	rt := reflect.TypeOf(m)
	s := classicSnapshot{
		Address: hexAddr(hp), Count: h.count, Flags: h.flags, B: h.B, Noverflow: h.noverflow,
		Hash0: fmt.Sprintf("0x%08x", h.hash0), Growing: h.oldbuckets != nil,
		SameSizeGrow: h.flags&flagSameSizeGrow != 0, Nevacuate: uint64(h.nevacuate),
		Type: classicType{
			Key: rt.Key().String(), Elem: rt.Elem().String(),
			Keysize: int(mt.keysize), Elemsize: int(mt.elemsize), Bucketsize: int(mt.bucketsize),
			Indirectkey: mt.flags&flagIndirectKey != 0, Indirectelem: mt.flags&flagIndirectElem != 0,
		},
	}
	if h.extra != nil && h.extra.nextOverflow != nil {
		for b := h.extra.nextOverflow; ; b = unsafe.Add(b, uintptr(mt.bucketsize)) {
			s.NextOverflowFree++
			if overflowOf(mt, b) != nil {
				break
			}
		}
	}
	s.Buckets = readArray(mt, rt, h.buckets, 1<<h.B)
	if h.oldbuckets != nil {
		oldB := h.B
		if !s.SameSizeGrow {
			oldB--
		}
		s.Oldbuckets = readArray(mt, rt, h.oldbuckets, 1<<oldB)
	}
	return s
}

func overflowOf(mt *maptype, b unsafe.Pointer) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(b, uintptr(mt.bucketsize)-ptrSize))
}

func readArray(mt *maptype, rt reflect.Type, base unsafe.Pointer, n int) [][]bmapJSON {
	if base == nil {
		return nil
	}
	out := make([][]bmapJSON, n)
	for i := 0; i < n; i++ {
		for b := unsafe.Add(base, i*int(mt.bucketsize)); b != nil; b = overflowOf(mt, b) {
			var j bmapJSON
			j.Tophash = *(*[bucketCnt]uint8)(b)
			for k := 0; k < bucketCnt; k++ {
				if j.Tophash[k] < minTopHash {
					continue
				}
				kp := unsafe.Add(b, dataOffset+k*int(mt.keysize))
				ep := unsafe.Add(b, dataOffset+bucketCnt*int(mt.keysize)+k*int(mt.elemsize))
				j.Keys[k] = slot(rt.Key(), kp, mt.flags&flagIndirectKey != 0)
				j.Elems[k] = slot(rt.Elem(), ep, mt.flags&flagIndirectElem != 0)
			}
			out[i] = append(out[i], j)
		}
	}
	return out
}
