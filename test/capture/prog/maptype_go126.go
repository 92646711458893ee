//go:build go1.24 && !go1.27

package main

import "unsafe"

// mapType mirrors Go 1.24-1.26's internal/abi.SwissMapType/MapType: slots of struct{key; elem}.
type mapType struct {
	abiType
	Key       *abiType
	Elem      *abiType
	Group     *abiType
	Hasher    func(unsafe.Pointer, uintptr) uintptr
	GroupSize uintptr
	SlotSize  uintptr
	ElemOff   uintptr
	Flags     uint32
}

func (t *mapType) layout() groupLayout {
	const slotsOff = 8 // after the control word
	return groupLayout{
		layout: "interleaved", keysOff: slotsOff, keyStride: t.SlotSize, elemsOff: slotsOff + t.ElemOff,
		elemStride: t.SlotSize, slotSize: t.SlotSize, elemOff: t.ElemOff,
	}
}
