package main

import t "time"

var m = map[t.Duration]t.Weekday{t.Second: t.Monday, 90 * t.Minute: t.Saturday, t.Duration(5): 0, t.Hour + t.Millisecond: t.Sunday}

func main() {}
