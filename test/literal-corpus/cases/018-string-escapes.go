package main

var m = map[string]int{"plain": 1, "tab\there": 2, "nl\n": 3, "\x41\101\u0041\U00000041": 4, "\u00e9t\u00e9": 5, "q\"uote": 6, "back\\slash": 7, "\a\b\f\r\v": 8, "héllo, 世界": 9, "\xff\xfe": 10, "\000": 11}

func main() {}
