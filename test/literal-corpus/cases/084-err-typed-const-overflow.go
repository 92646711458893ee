package main

const big int8 = 100

var m = map[int8]int{big + 100: 1, big * 2: 2}

func main() {}
