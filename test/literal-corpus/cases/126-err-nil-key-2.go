package main

var m = map[string]*int{"a": nil}

func main() {}
