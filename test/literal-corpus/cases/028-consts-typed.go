package main

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

const Pi = 3.14159265358979323846264338327950288419716939937510582097494459
const Greeting string = "hello"

var m = map[Weekday]string{Sunday: Greeting, Monday: "mon", Tuesday + 2: "thu"}

func main() {}
