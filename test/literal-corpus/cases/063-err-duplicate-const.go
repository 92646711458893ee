package main

const K = 5

var m = map[int]int{K: 1, 5: 2, K + 0: 3}

func main() {}
