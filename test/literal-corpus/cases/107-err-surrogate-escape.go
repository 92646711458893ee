package main

var m = map[string]int{"\uD800": 1}

func main() {}
