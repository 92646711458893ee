package main

var m = map[int]complex64{1: 1.5 + 0.1i, 2: 1i * 1i, 3: (1 + 2i) / (3 - 4i), 4: 0123i, 5: 0o17i, 6: 1e3i}

func main() {}
