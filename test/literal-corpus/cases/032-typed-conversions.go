package main

type MyInt int8

var m = map[MyInt]int64{MyInt(3): int64(1) << 40, 4: int64(-1), MyInt(-128): 0}

func main() {}
