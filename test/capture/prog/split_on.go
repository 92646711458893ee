//go:build go1.27 && goexperiment.mapsplitgroup

package main

// splitGroup: GOEXPERIMENT=mapsplitgroup lays a group out as ctrl, 8 keys, 8 elems.
const splitGroup = true
