package main

var m = map[string][]byte{string([]byte("ab")): []byte("ab"), string([]rune{0x4e16, 'x'}): []byte("\xff"), string([]byte(nil)): nil}

func main() {}
