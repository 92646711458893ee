package main

var m = map[rune]string{'a': "a", '\n': "nl", '\t': "tab", '\u00e9': "e-acute", '\x41': "A", '\102': "B-octal", '\'': "quote", '\\': "backslash", '\U0001F600': "grin", '\a': "bell", '\b': "bs", '\f': "ff", '\v': "vt", '\r': "cr"}

func main() {}
