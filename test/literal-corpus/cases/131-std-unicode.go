package main

import (
	"unicode"
	"unicode/utf8"
)

var m = map[rune]string{utf8.RuneError: "error", unicode.MaxRune: "max", utf8.RuneSelf: "self", unicode.MaxLatin1: "latin1", utf8.UTFMax: "utfmax"}

func main() {}
