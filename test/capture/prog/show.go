package main

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"unsafe"
)

// The dump file: the Go release and, by expression, the runtime's view of each map.
type dumpFile struct {
	Goversion string         `json:"goversion"`
	Maps      map[string]any `json:"maps"`
}

func dump(path string, maps []named) {
	f := dumpFile{Goversion: goversion(), Maps: map[string]any{}}
	for _, n := range maps {
		f.Maps[n.expr] = snapshot(n.m)
	}
	b, err := json.Marshal(f)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "captureprog:", err)
		os.Exit(1)
	}
}

// eface is the layout of an interface holding a map: the *maptype and the map header pointer.
type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func mapParts(m any) (typ unsafe.Pointer, header unsafe.Pointer) {
	e := (*eface)(unsafe.Pointer(&m))
	return e.typ, e.data
}

func hexAddr(p unsafe.Pointer) string { return fmt.Sprintf("0x%x", uintptr(p)) }

const maxExact = 1 << 53

// show is a key or elem in the form the capture writes it: the oracle dumps' form for integers,
// bools, strings and byte arrays; Delve's text for a struct.
func show(t reflect.Type, p unsafe.Pointer) any {
	v := reflect.NewAt(t, p).Elem()
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := v.Int()
		if x > maxExact || x < -maxExact {
			return strconv.FormatInt(x, 10)
		}
		return json.Number(strconv.FormatInt(x, 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return showUint(v.Uint())
	case reflect.Bool:
		return v.Bool()
	case reflect.String:
		return v.String()
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			b := unsafe.Slice((*byte)(p), t.Len())
			for _, x := range b[8:] {
				if x != 0 {
					return "0x" + hex.EncodeToString(b)
				}
			}
			var w [8]byte
			copy(w[:], b)
			return showUint(binary.LittleEndian.Uint64(w[:]))
		}
	case reflect.Struct:
		if t.String() == "struct {}" {
			return struct{}{} // the oracle dumps' {}
		}
		return delveText(v)
	}
	panic("captureprog: no form for " + t.String())
}

func showUint(x uint64) any {
	if x > maxExact {
		return strconv.FormatUint(x, 10)
	}
	return json.Number(strconv.FormatUint(x, 10))
}

// delveText prints a struct of integers, bools and strings as Delve does: `main.K {A: 1, B: "x"}`.
func delveText(v reflect.Value) string {
	var parts []string
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		var s string
		switch f.Kind() {
		case reflect.String:
			s = strconv.Quote(f.String())
		default:
			s = fmt.Sprint(f.Interface())
		}
		parts = append(parts, v.Type().Field(i).Name+": "+s)
	}
	return v.Type().String() + " {" + strings.Join(parts, ", ") + "}"
}

// slot returns the value at p, following the pointer when the map stores the value indirectly.
func slot(t reflect.Type, p unsafe.Pointer, indirect bool) any {
	if indirect {
		p = *(*unsafe.Pointer)(p)
	}
	return show(t, p)
}
