package main

type Small int8

const S Small = 100

var m = map[Small]int{S + 100: 1, S * S: 2, -S - 100: 3}

func main() {}
