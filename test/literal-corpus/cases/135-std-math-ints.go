package main

import "math"

var m = map[int64]uint64{math.MaxInt64: math.MaxUint64, math.MinInt64: 0, math.MaxInt32: math.MaxUint32, math.MinInt8: math.MaxUint8, math.MaxInt - 1: math.MaxUint16}

func main() {}
