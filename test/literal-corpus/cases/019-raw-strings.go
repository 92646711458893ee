package main

var m = map[string]string{`raw\n`: `a"b`, `multi
line`: ``, `crlf
line`: "x"}

func main() {}
