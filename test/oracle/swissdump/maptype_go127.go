//go:build go1.27

package main

import "unsafe"

// MapType mirrors Go 1.27's internal/abi.MapType: key i of a group is at KeysOff + i*KeyStride,
// elem i at ElemsOff + i*ElemStride, for both group layouts; ElemOff is the elem's offset in an
// interleaved slot (0 with GOEXPERIMENT=mapsplitgroup).
type MapType struct {
	Type
	Key        *Type
	Elem       *Type
	Group      *Type
	Hasher     func(unsafe.Pointer, uintptr) uintptr
	GroupSize  uintptr
	KeysOff    uintptr
	KeyStride  uintptr
	ElemsOff   uintptr
	ElemStride uintptr
	ElemOff    uintptr
	Flags      uint32
}

func (t *MapType) layout() groupLayout {
	l := groupLayout{
		split: splitGroup, keysOff: t.KeysOff, keyStride: t.KeyStride, elemsOff: t.ElemsOff, elemStride: t.ElemStride,
		elemOff: t.ElemOff,
	}
	if !splitGroup {
		l.slotSize = t.KeyStride
	}
	return l
}
