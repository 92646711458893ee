package main

func main() {
	_ = map[int][1 << 40][1 << 20]int64{}
}
