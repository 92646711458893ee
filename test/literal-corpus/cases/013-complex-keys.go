package main

var m = map[complex128]string{1i: "i", 1 + 2i: "1+2i", 0.5i * 3: "mul", 3: "real"}

func main() {}
