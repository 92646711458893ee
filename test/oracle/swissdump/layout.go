package main

// The group layout of one map type, read from its abi.MapType and cross-checked with the group
// type the compiler built for it (MapType.Group, seen through reflect):
//
//	interleaved: struct{ ctrl uint64; slots [8]struct{ key K'; elem V' } }
//	split:       struct{ ctrl uint64; keys [8]K'; elems [8]V' }   (Go 1.27, GOEXPERIMENT=mapsplitgroup)
//
// where K' is *K when K is over 128 bytes (indirect key), likewise V'.

import (
	"fmt"
	"reflect"
)

type groupLayout struct {
	split                                    bool
	keysOff, keyStride, elemsOff, elemStride uintptr
	slotSize, elemOff                        uintptr // 0 in the split layout
}

// checkGroupType compares the layout taken from the MapType with the group type's own fields.
func checkGroupType(mt *MapType, l groupLayout) error {
	g := reflectTypeOf(mt.Group)
	bad := func(format string, args ...any) error {
		return fmt.Errorf("group type %v: "+format, append([]any{g}, args...)...)
	}
	if g.Kind() != reflect.Struct || g.Size() != mt.GroupSize {
		return bad("kind %v size %d, MapType.GroupSize %d", g.Kind(), g.Size(), mt.GroupSize)
	}
	want := []string{"ctrl", "slots"}
	if l.split {
		want = []string{"ctrl", "keys", "elems"}
	}
	if g.NumField() != len(want) {
		return bad("%d fields, want %v", g.NumField(), want)
	}
	for i, name := range want {
		if g.Field(i).Name != name {
			return bad("field %d is %q, want %q", i, g.Field(i).Name, name)
		}
	}
	if f := g.Field(0); f.Offset != 0 || f.Type.Size() != 8 {
		return bad("ctrl at %d, size %d", f.Offset, f.Type.Size())
	}
	if l.split {
		keys, elems := g.Field(1), g.Field(2)
		if keys.Offset != l.keysOff || keys.Type.Elem().Size() != l.keyStride ||
			elems.Offset != l.elemsOff || elems.Type.Elem().Size() != l.elemStride || l.elemOff != 0 {
			return bad("keys at %d stride %d, elems at %d stride %d; MapType says %+v",
				keys.Offset, keys.Type.Elem().Size(), elems.Offset, elems.Type.Elem().Size(), l)
		}
		return nil
	}
	slots := g.Field(1)
	slot := slots.Type.Elem()
	if slots.Type.Len() != slotsPerGroup || slot.NumField() != 2 || slot.Field(0).Name != "key" || slot.Field(1).Name != "elem" {
		return bad("slots %v", slots.Type)
	}
	if slots.Offset != l.keysOff || slot.Size() != l.keyStride || slot.Size() != l.elemStride ||
		slot.Size() != l.slotSize || slot.Field(1).Offset != l.elemOff || slots.Offset+slot.Field(1).Offset != l.elemsOff {
		return bad("slots at %d, slot size %d, elem at %d; MapType says %+v", slots.Offset, slot.Size(), slot.Field(1).Offset, l)
	}
	return nil
}
