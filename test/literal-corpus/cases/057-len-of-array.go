package main

type A [7]int

var m = map[int]int{len([3]int{}): 3, len(A{}): 7, cap([2]string{}): 2}

func main() {}
