package main

type P struct{ X int }

var m = map[string]P{"a": {`raw
string`: 1}}

func main() {}
