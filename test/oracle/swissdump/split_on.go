//go:build go1.27 && goexperiment.mapsplitgroup

package main

// splitGroup: built with GOEXPERIMENT=mapsplitgroup, groups are ctrl, 8 keys, 8 elems.
const splitGroup = true
