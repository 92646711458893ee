package main

import "time"

var m = map[string]time.Duration{"long": time.Hour * 1e10, "ok": time.Hour * 1e5}

func main() {}
