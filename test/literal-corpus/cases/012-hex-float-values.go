package main

var m = map[int]float64{1: 0x1p-1074, 2: 0x1.fffffffffffffp1023, 3: 0x.8p0, 4: 0X1P+4, 5: 0x_1p-2}

func main() {}
