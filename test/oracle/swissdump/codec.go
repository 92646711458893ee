package main

// Trace values <-> Go values (FORMAT.md "Trace"): integers are JSON numbers, or decimal strings
// beyond 2^53; strings and bools are themselves; a [N]byte is an unsigned integer stored
// little-endian in its first 8 bytes; struct{} is {}. Dumps write values the same way.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"unsafe"
)

// codec reads and writes the values of one Go type.
type codec[T comparable] struct {
	// parse reads a trace value; raw is nil when the trace leaves it out (the zero value).
	parse func(raw json.RawMessage) (T, error)
	// show is the value as the dump writes it.
	show func(T) any
	// number is the value a plan macro uses for its n-th key or elem.
	number func(n int64) T
}

const maxExactInt = 1 << 53

// integerText is the decimal text of a JSON number or of a JSON string holding one.
func integerText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	return string(raw), nil
}

func showSigned(v int64) any {
	if v > maxExactInt || v < -maxExactInt {
		return strconv.FormatInt(v, 10)
	}
	return json.Number(strconv.FormatInt(v, 10))
}

func showUnsigned(v uint64) any {
	if v > maxExactInt {
		return strconv.FormatUint(v, 10)
	}
	return json.Number(strconv.FormatUint(v, 10))
}

type integerType interface {
	int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64
}

// integer reads and writes a fixed-size integer type, signed or not.
func integer[T integerType]() codec[T] {
	var zero T
	bits, signed := 8*int(unsafe.Sizeof(zero)), zero-1 < zero
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			if raw == nil {
				return 0, nil
			}
			s, err := integerText(raw)
			if err != nil {
				return 0, err
			}
			if signed {
				v, err := strconv.ParseInt(s, 10, bits)
				return T(v), err
			}
			v, err := strconv.ParseUint(s, 10, bits)
			return T(v), err
		},
		show: func(v T) any {
			if signed {
				return showSigned(int64(v))
			}
			return showUnsigned(uint64(v))
		},
		number: func(n int64) T { return T(n) },
	}
}

func byteArray[T [16]byte | [129]byte | [200]byte]() codec[T] {
	low := func(a *T) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(a)), unsafe.Sizeof(*a)) }
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			var a T
			if raw == nil {
				return a, nil
			}
			s, err := integerText(raw)
			if err != nil {
				return a, err
			}
			v, err := strconv.ParseUint(s, 10, 64)
			binary.LittleEndian.PutUint64(low(&a), v)
			return a, err
		},
		show: func(a T) any {
			b := low(&a)
			for _, x := range b[8:] {
				if x != 0 {
					return fmt.Sprintf("0x%x", b) // never made from a trace; visible if it happens
				}
			}
			return showUnsigned(binary.LittleEndian.Uint64(b))
		},
		number: func(n int64) T {
			var a T
			binary.LittleEndian.PutUint64(low(&a), uint64(n))
			return a
		},
	}
}

func jsonCodec[T string | bool]() codec[T] {
	return codec[T]{
		parse: func(raw json.RawMessage) (T, error) {
			var v T
			if raw == nil {
				return v, nil
			}
			err := json.Unmarshal(raw, &v)
			return v, err
		},
		show: func(v T) any { return v },
		number: func(n int64) T {
			var v T
			switch p := any(&v).(type) {
			case *string:
				*p = "k" + strconv.FormatInt(n, 10)
			case *bool:
				*p = n%2 != 0
			}
			return v
		},
	}
}

func emptyStruct() codec[struct{}] {
	return codec[struct{}]{
		parse: func(raw json.RawMessage) (struct{}, error) {
			var m map[string]json.RawMessage
			if raw != nil {
				if err := json.Unmarshal(raw, &m); err != nil || len(m) != 0 {
					return struct{}{}, fmt.Errorf("%s is not a struct{} value {}", raw)
				}
			}
			return struct{}{}, nil
		},
		show:   func(struct{}) any { return struct{}{} },
		number: func(int64) struct{} { return struct{}{} },
	}
}

// jsonText is a value's JSON text without HTML escaping: the key of a "hashes" table.
func jsonText(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// forKey runs the trace with the map type map[K]V its "key" and "elem" name.
func forKey(tr *trace) (*result, error) {
	switch tr.Key {
	case "int8":
		return forElem(tr, integer[int8]())
	case "int16":
		return forElem(tr, integer[int16]())
	case "int32":
		return forElem(tr, integer[int32]())
	case "int64":
		return forElem(tr, integer[int64]())
	case "uint8":
		return forElem(tr, integer[uint8]())
	case "uint16":
		return forElem(tr, integer[uint16]())
	case "uint32":
		return forElem(tr, integer[uint32]())
	case "uint64":
		return forElem(tr, integer[uint64]())
	case "string":
		return forElem(tr, jsonCodec[string]())
	case "bool":
		return forElem(tr, jsonCodec[bool]())
	case "[16]byte":
		return forElem(tr, byteArray[[16]byte]())
	case "[129]byte":
		return forElem(tr, byteArray[[129]byte]())
	case "[200]byte":
		return forElem(tr, byteArray[[200]byte]())
	case "struct{}":
		return forElem(tr, emptyStruct())
	}
	return nil, fmt.Errorf("unsupported key type %q", tr.Key)
}

func forElem[K comparable](tr *trace, kc codec[K]) (*result, error) {
	switch tr.Elem {
	case "int8":
		return run(tr, kc, integer[int8]())
	case "int16":
		return run(tr, kc, integer[int16]())
	case "int32":
		return run(tr, kc, integer[int32]())
	case "int64":
		return run(tr, kc, integer[int64]())
	case "uint8":
		return run(tr, kc, integer[uint8]())
	case "uint16":
		return run(tr, kc, integer[uint16]())
	case "uint32":
		return run(tr, kc, integer[uint32]())
	case "uint64":
		return run(tr, kc, integer[uint64]())
	case "string":
		return run(tr, kc, jsonCodec[string]())
	case "bool":
		return run(tr, kc, jsonCodec[bool]())
	case "[16]byte":
		return run(tr, kc, byteArray[[16]byte]())
	case "[129]byte":
		return run(tr, kc, byteArray[[129]byte]())
	case "[200]byte":
		return run(tr, kc, byteArray[[200]byte]())
	case "struct{}":
		return run(tr, kc, emptyStruct())
	}
	return nil, fmt.Errorf("unsupported elem type %q", tr.Elem)
}
