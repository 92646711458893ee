package main

var m = map[string]float64{"re": real(3 + 4i), "im": imag(3 + 4i), "c": real(complex(1.5, 2))}

func main() {}
