package main

type MyInt int8

var m = map[MyInt]int{MyInt(300): 1, int8(200): 2}

func main() {}
