package main

var m = map[int]string{0x1F: "hex", 0X_ff: "HEX", 017: "oldoctal", 0o17 + 1: "octal", 0O7: "Octal", 0b101: "bin", 0B1_1: "Bin"}

func main() {}
