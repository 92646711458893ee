package main

var m = map[float32]float32{0.1: 0.2, 16777217: 3.4028234663852886e38, 1.0 / 3: 1e-45}

func main() {}
