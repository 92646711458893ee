// Empty assembly file: lets main.go declare the body-less function
// mapclear, which //go:linkname binds to runtime.mapclear.
