//go:build go1.27 && !goexperiment.mapsplitgroup

package main

// splitGroup: the default interleaved layout, groups are ctrl and 8 struct{key; elem} slots.
const splitGroup = false
