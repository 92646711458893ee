package main

var m = map[uint8]uint16{^uint8(0): ^uint16(1), ^uint8(5): 0}

func main() {}
