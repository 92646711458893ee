package main

var m = map[[2]string]int{any(1) == 'a': 1}

func main() {}
