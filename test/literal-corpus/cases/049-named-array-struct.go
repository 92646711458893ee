package main

type Pair [2]string
type Rec struct{ P Pair }

var m = map[Pair]Rec{{"a", "b"}: {Pair{"c"}}, Pair{1: "z"}: {}}

func main() {}
