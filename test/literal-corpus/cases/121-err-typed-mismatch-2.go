package main

type MyInt int

var m = map[MyInt]int{int(3): 1}

func main() {}
