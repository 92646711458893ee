package main

import "math"

var m = map[int64]uint64{math.MaxInt64: math.MaxUint64, math.MinInt64: 0, math.MaxInt: math.MaxUint32, math.MinInt8: math.MaxUint8}

func main() {}
