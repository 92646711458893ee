package main

var outer = map[string]int{"outer": 1}

var m = map[string]map[string]int{
	"x": {"inner": 2}, //gomap:at 6:3
}

func main() {}
