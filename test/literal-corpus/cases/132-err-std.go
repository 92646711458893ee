package main

import (
	"math"
	t "time"
)

var m = map[int8]t.Month{math.MaxInt16: t.March, 1: t.Duration(1), 2: math.intSize}

func main() {}
