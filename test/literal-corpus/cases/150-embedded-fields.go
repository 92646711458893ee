package main

type Base struct{ ID int }

type User struct {
	Base
	Name string `json:"name"`
	next *User
}

var m = map[string]User{"a": {Base{1}, "x", nil}, "b": {Base: Base{ID: 2}, Name: "y"}, "c": {next: nil}}

func main() {}
