package main

type Alias = int16
type Named Alias

var m = map[Alias]Named{1: 2, -3: Named(4)}

func main() {}
