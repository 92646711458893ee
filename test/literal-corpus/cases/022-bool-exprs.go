package main

var m = map[string]bool{"a": 1 < 2, "b": "a" > "b", "c": !true || 1.5 == 3.0/2, "d": 'a' != 97 && true}

func main() {}
