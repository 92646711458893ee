package main

const c int8 = 300

var m = map[int8]int{c: 1}

func main() {}
