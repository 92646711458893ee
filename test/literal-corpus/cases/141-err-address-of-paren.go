package main

var m = map[int]*int{1: &(2), 2: &((3))}

func main() {}
