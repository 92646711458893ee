package main

var m = map[float32]uint16{float32(0.1): uint16(65535), float32(1) / 3: uint16('A')}

func main() {}
