package main

var m = map[string][]int{"a": {1, 2, 3}, "b": {}, "c": nil, "d": {5: 1}, "e": []int{2: 3, 4}}

func main() {}
