package main

var m = map[byte]string{'a': "a", 0xff: "ff", 10: "nl"}

func main() {}
