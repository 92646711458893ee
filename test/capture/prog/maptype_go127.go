//go:build go1.27

package main

import "unsafe"

// mapType mirrors Go 1.27's internal/abi.MapType, which describes both group layouts.
type mapType struct {
	abiType
	Key        *abiType
	Elem       *abiType
	Group      *abiType
	Hasher     func(unsafe.Pointer, uintptr) uintptr
	GroupSize  uintptr
	KeysOff    uintptr
	KeyStride  uintptr
	ElemsOff   uintptr
	ElemStride uintptr
	ElemOff    uintptr
	Flags      uint32
}

func (t *mapType) layout() groupLayout {
	l := groupLayout{
		layout: "interleaved", keysOff: t.KeysOff, keyStride: t.KeyStride, elemsOff: t.ElemsOff,
		elemStride: t.ElemStride, slotSize: t.KeyStride, elemOff: t.ElemOff,
	}
	if splitGroup { // 8 keys then 8 elems, no slot struct
		l.layout, l.slotSize, l.elemOff = "split", 0, 0
	}
	return l
}
