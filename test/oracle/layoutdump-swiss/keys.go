package main

// Distinct keys of any comparable type, for measuring what the 9th insert into a small map
// allocates (growToTable). Key i is the zero value with one part set to i: an integer, float or
// complex to i, a string to its decimal form, a pointer or channel to a fresh one, an empty
// interface to the int i, an error to a fresh error; an array through its first element, a struct
// through its first field that can take 9 values. Types that cannot hold 9 distinct values
// (bool, struct{}, [0]T, interfaces with methods other than error) give none.

import (
	"errors"
	"reflect"
	"strconv"
	"unsafe"
)

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// distinctKeys returns n distinct keys of type K, or nil.
func distinctKeys[K comparable](n int) []K {
	keys := make([]K, n)
	for i := range keys {
		v := reflect.New(reflect.TypeOf(&keys[i]).Elem()).Elem()
		if !setDistinct(v, i) {
			return nil
		}
		keys[i] = *(*K)(v.Addr().UnsafePointer())
	}
	return keys
}

// setDistinct sets the addressable v to the i-th value of its kind; false when it cannot.
func setDistinct(v reflect.Value, i int) bool {
	t := v.Type()
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(i))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(i))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(i))
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(complex(float64(i), 0))
	case reflect.String:
		v.SetString(strconv.Itoa(i))
	case reflect.Pointer:
		// new(T) of a zero-size T is always the same address: point into a word array instead.
		if t.Elem().Size() == 0 {
			v.Set(reflect.NewAt(t.Elem(), unsafe.Pointer(&make([]uint64, 1)[0])))
		} else {
			v.Set(reflect.New(t.Elem()))
		}
	case reflect.UnsafePointer:
		v.SetPointer(unsafe.Pointer(&make([]uint64, 1)[0]))
	case reflect.Chan:
		v.Set(reflect.MakeChan(reflect.ChanOf(reflect.BothDir, t.Elem()), 0).Convert(t))
	case reflect.Interface:
		switch {
		case t.NumMethod() == 0:
			v.Set(reflect.ValueOf(i))
		case t == errorType:
			v.Set(reflect.ValueOf(errors.New(strconv.Itoa(i))))
		default:
			return false
		}
	case reflect.Array:
		return t.Len() > 0 && setDistinct(v.Index(0), i)
	case reflect.Struct:
		for f := 0; f < t.NumField(); f++ {
			field := v.Field(f)
			// Unexported fields are not settable through reflect; reach them through their address.
			if setDistinct(reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem(), i) {
				return true
			}
		}
		return false
	default: // bool, and the incomparable kinds that are never keys
		return false
	}
	return true
}
