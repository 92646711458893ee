package main

import "time"

var m = map[string]time.Duration{"fast": 100 * time.Millisecond, "slow": 2 * time.Second, "day": 24 * time.Hour, "raw": 1500}

func main() {}
