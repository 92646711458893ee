package service

type Region string

// quotas per region and plan: a map whose elems are maps.
var quotas = map[Region]map[string]int{
	"eu-west": {"free": 1, "pro": 10},
	"us-east": {"free": 2},
}
