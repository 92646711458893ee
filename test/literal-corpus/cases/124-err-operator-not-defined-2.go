package main

var m = map[bool]int{^true: 1}

func main() {}
