//go:build !go1.27

package main

import "unsafe"

// MapType mirrors Go 1.26's internal/abi.MapType: one slot is struct{key; elem} of SlotSize
// bytes, the elem ElemOff bytes into it.
type MapType struct {
	Type
	Key       *Type
	Elem      *Type
	Group     *Type
	Hasher    func(unsafe.Pointer, uintptr) uintptr
	GroupSize uintptr
	SlotSize  uintptr
	ElemOff   uintptr
	Flags     uint32
}

// splitGroup: Go 1.26 has only the interleaved layout.
const splitGroup = false

// layout derives 1.27's four numbers from SlotSize and ElemOff: the slots follow the 8-byte
// control word (checkGroupType confirms the offset from the group type itself).
func (t *MapType) layout() groupLayout {
	const slotsOff = 8
	return groupLayout{
		keysOff: slotsOff, keyStride: t.SlotSize, elemsOff: slotsOff + t.ElemOff, elemStride: t.SlotSize,
		slotSize: t.SlotSize, elemOff: t.ElemOff,
	}
}
