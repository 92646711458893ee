//go:build go1.27 && !goexperiment.mapsplitgroup

package main

// splitGroup: by default a group is ctrl and 8 slots of struct{key; elem}.
const splitGroup = false
