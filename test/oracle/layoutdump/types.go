// Named types for the layout oracle. The TypeScript tests read this same file with
// `scopeFromSource`, exactly as `gomap layout --types types.go` does, so every named type here is
// laid out both by gc (in the oracle binary) and by src/core/types (in the tests).
package main

import "unsafe"

// Named basic types.
type ID int64
type Celsius float64
type Name string
type Word uintptr
type Ptr unsafe.Pointer
type Handler func(int) error

// Structs with padding: a int8 | 7 (amd64) or 3 (386) bytes | b int64 | c int8 | tail padding.
type Padded struct {
	a int8
	b int64
	c int8
}

// The same fields in fieldalignment's order.
type Reordered struct {
	b int64
	a int8
	c int8
}

type Point struct{ X, Y int32 }

// Embedded fields: by value, by pointer, a named basic type.
type Embedded struct {
	Point
	*Node
	ID
	tag uint16
}

// Blank fields take space like any other.
type Blank struct {
	a int32
	_ int32
	b int8
	_ [3]byte
}

// A zero-size final field: gc adds a byte so &z.end cannot point past the struct (issue 9401).
type ZeroTail struct {
	n   int64
	end struct{}
}

type ZeroTailPtr struct {
	p *int
	z [0]int64
}

type ZeroFirst struct {
	z [0]int64
	b byte
}

type Empty struct{}

type Node struct {
	next *Node
	val  int
}

type Shape interface {
	Area() float64
	Perimeter() float64
}

type BigKey [129]byte

// ptrdata reaches the very end (the pointer is last) and stops early (the pointer is first).
type PtrLast struct {
	data [100]int64
	p    *int
}

type PtrFirst struct {
	p    *int
	data [20]int64
}

type WithString struct {
	s string
	n int32
	b bool
}

// complex64 aligns to 4 everywhere; complex128 and float64 to 8 on 64-bit targets, 4 on 386/arm.
type Complexes struct {
	a complex64
	b complex128
	c int8
}

type Floats struct {
	a float32
	b float64
	c float32
}

type Mixed struct {
	b bool
	i int
	s string
	f float64
	u uint16
}

type Matrix [3][3]float64

type Chans struct {
	in  <-chan int
	out chan<- string
}

type Inner struct {
	a int8
	b int64
}

type Outer struct {
	x  int8
	in Inner
	y  int8
}

type Alias = Point

type Bits [4]uint64

type Pair struct {
	k string
	v interface{}
}

type Tiny struct{ a, b, c byte }

type AnyPair [2]any

type Empty0 [0]int64

type Errs struct {
	err  error
	code int16
}

const N = 6

type Sized [N * 2]int16

type Slices struct {
	a []int
	m map[string]int
	f func()
}
