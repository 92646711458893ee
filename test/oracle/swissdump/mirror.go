package main

// Mirrors of the runtime's Swiss-table structures (Go 1.26 and 1.27, identical in both except
// abi.MapType, which lives in maptype_go126.go / maptype_go127.go), and the start-up check that
// compares each mirror with the runtime's own type field by field (name, offset, size, kind)
// through reflect. Every runtime type is reached from reflect.MapIter, whose unexported field
// `hiter` is an internal/runtime/maps.Iter: Iter.m is a *Map, Iter.tab a *table, Iter.typ an
// *abi.MapType, and so on. A mismatch means the program was built by a Go release whose
// layout differs from these mirrors; the dumper then refuses to run.

import (
	"fmt"
	"reflect"
	"unsafe"
)

// Map mirrors internal/runtime/maps.Map.
type Map struct {
	used              uint64         // filled slots in all tables (len(m))
	seed              uintptr        // hash seed, redrawn on reseed
	dirPtr            unsafe.Pointer // small map: the group; else *[dirLen]*table
	dirLen            int            // 0 for a small map
	globalDepth       uint8          // log2(dirLen)
	globalShift       uint8          // hash >> globalShift selects the directory entry
	writing           uint8          // a write is in progress (0 between ops)
	tombstonePossible bool           // set by a delete that leaves a tombstone; cleared by clear
	clearSeq          uint64         // incremented by every clear that does work
}

// groupsReference mirrors internal/runtime/maps.groupsReference.
type groupsReference struct {
	data       unsafe.Pointer // *[lengthMask+1]group
	lengthMask uint64
}

// groupReference mirrors internal/runtime/maps.groupReference.
type groupReference struct {
	data unsafe.Pointer
}

// table mirrors internal/runtime/maps.table.
type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int // first directory entry pointing here (-1 once replaced)
	groups     groupsReference
}

// Iter mirrors internal/runtime/maps.Iter.
type Iter struct {
	key         unsafe.Pointer
	elem        unsafe.Pointer
	typ         *MapType
	m           *Map
	entryOffset uint64
	dirOffset   uint64
	clearSeq    uint64
	globalDepth uint8
	dirIdx      int
	tab         *table
	group       groupReference
	entryIdx    uint64
}

// Type mirrors internal/abi.Type.
type Type struct {
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

// Value mirrors reflect.Value.
type Value struct {
	typ_ unsafe.Pointer
	ptr  unsafe.Pointer
	flag uintptr
}

// MapIter mirrors reflect.MapIter.
type MapIter struct {
	m     Value
	hiter Iter
}

// abi.MapType flag bits.
const (
	mapNeedKeyUpdate  = 1 << 0
	mapHashMightPanic = 1 << 1
	mapIndirectKey    = 1 << 2
	mapIndirectElem   = 1 << 3
)

// The runtime's constants (internal/runtime/maps, internal/abi).
const (
	slotsPerGroup    = 8    // abi.MapGroupSlots
	ctrlEmpty        = 0x80 // 0b10000000
	ctrlDeleted      = 0xfe // 0b11111110
	maxAvgGroupLoad  = 7    // growthLeft starts at capacity*7/8
	maxTableCapacity = 1024
	ptrSize          = unsafe.Sizeof(uintptr(0))
	hashBits         = 8 * ptrSize // Use64BitHash on 64-bit targets, 32-bit hashes on 386
)

// sameLayout reports how mirror differs from the runtime's type real, or "" if it does not.
func sameLayout(what string, real, mirror reflect.Type) string {
	if real.Kind() != reflect.Struct || mirror.Kind() != reflect.Struct {
		return fmt.Sprintf("%s: not a struct (runtime %v, mirror %v)", what, real.Kind(), mirror.Kind())
	}
	if real.Size() != mirror.Size() || real.NumField() != mirror.NumField() {
		return fmt.Sprintf("%s: runtime size %d with %d fields, mirror size %d with %d fields",
			what, real.Size(), real.NumField(), mirror.Size(), mirror.NumField())
	}
	for i := 0; i < real.NumField(); i++ {
		r, m := real.Field(i), mirror.Field(i)
		if r.Name != m.Name || r.Offset != m.Offset || r.Type.Size() != m.Type.Size() || kindOf(r.Type) != kindOf(m.Type) {
			return fmt.Sprintf("%s field %d: runtime %s (offset %d, size %d, %v), mirror %s (offset %d, size %d, %v)",
				what, i, r.Name, r.Offset, r.Type.Size(), r.Type.Kind(), m.Name, m.Offset, m.Type.Size(), m.Type.Kind())
		}
	}
	return ""
}

// kindOf is t's kind, with typed and unsafe pointers as one kind.
func kindOf(t reflect.Type) reflect.Kind {
	if t.Kind() == reflect.UnsafePointer {
		return reflect.Pointer
	}
	return t.Kind()
}

// fieldType is the type of real's field name (dereferenced when it is a pointer), or nil.
func fieldType(real reflect.Type, name string) reflect.Type {
	f, ok := real.FieldByName(name)
	if !ok {
		return nil
	}
	if f.Type.Kind() == reflect.Pointer {
		return f.Type.Elem()
	}
	return f.Type
}

// checkMirrors compares every mirror with the runtime's type; it returns the mismatches.
func checkMirrors() []string {
	var bad []string
	check := func(what string, real reflect.Type, mirror any) {
		if real == nil {
			bad = append(bad, what+": not found in the runtime's types")
			return
		}
		if d := sameLayout(what, real, reflect.TypeOf(mirror)); d != "" {
			bad = append(bad, d)
		}
	}
	mapIter := reflect.TypeOf(reflect.MapIter{})
	check("reflect.MapIter", mapIter, MapIter{})
	check("reflect.Value", fieldType(mapIter, "m"), Value{})
	iter := fieldType(mapIter, "hiter")
	check("maps.Iter", iter, Iter{})
	if iter == nil {
		return bad
	}
	check("maps.Map", fieldType(iter, "m"), Map{})
	tab := fieldType(iter, "tab")
	check("maps.table", tab, table{})
	check("maps.groupReference", fieldType(iter, "group"), groupReference{})
	if tab != nil {
		check("maps.groupsReference", fieldType(tab, "groups"), groupsReference{})
	}
	mt := fieldType(iter, "typ")
	check("abi.MapType", mt, MapType{})
	if mt != nil {
		check("abi.Type", fieldType(mt, "Type"), Type{})
	}
	return bad
}

// eface is the layout of an empty interface.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

// mapTypeOf is the runtime's *abi.MapType of a map value.
func mapTypeOf(m any) *MapType {
	return (*MapType)((*eface)(unsafe.Pointer(&m)).typ)
}

// reflectTypeOf turns a runtime *abi.Type (for example MapType.Group, a type the compiler
// builds for the map and no Go code names) into a reflect.Type.
func reflectTypeOf(t *Type) reflect.Type {
	var x any
	e := (*eface)(unsafe.Pointer(&x))
	e.typ = unsafe.Pointer(t)
	e.data = unsafe.Pointer(&make([]byte, t.Size_+1)[0])
	return reflect.TypeOf(x)
}
