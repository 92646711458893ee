package main

var m = map[string]any{"untyped": nil, "typed": (*int)(nil), "iface": any(nil), "slice": []int(nil)}

func main() {}
