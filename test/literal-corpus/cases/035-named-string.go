package main

type Color string

const Red Color = "red"

var m = map[Color]int{Red: 1, "green": 2, Color("blue"): 3, Red + "dish": 4}

func main() {}
