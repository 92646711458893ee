package main

var m = map[bool]string{any(1) == 1: "eq", string([]byte("a")) < "b": "lt", any(int8(1)) != 1: "ne", [2]any{1, "x"} == [2]any{1, "x"}: "arr"}

func main() {}
