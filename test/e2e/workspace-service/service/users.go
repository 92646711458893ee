// A service's maps, as a Go developer has them: workspace types, standard types (time.Time),
// slices, maps and pointers as values. The real-VS-Code scenarios of issue 14 open this package
// (test/e2e/ui/developer.test.mjs).
package service

import "time"

type UserID int64

type Profile struct {
	Name   string
	Admin  bool
	Quota  int64
	Tags   []string
	Joined time.Time
}

type Session struct {
	ID      string
	User    UserID
	Expires time.Time
	Scopes  map[string]bool
}

var profiles = map[UserID]Profile{
	1: {Name: "ann", Admin: true, Quota: 1024, Tags: []string{"ops", "billing"}},
	2: {Name: "bob", Quota: 256},
	3: {Name: "cyrille-the-very-long-named-operator", Tags: []string{"night-shift", "on-call", "eu-west"}},
	7: {Name: "dee"},
}

type Store struct {
	sessions map[string]*Session
	blobs    map[string][]byte
	pending  map[UserID]int
}

func NewStore() *Store {
	return &Store{sessions: make(map[string]*Session), blobs: make(map[string][]byte, 64)}
}

func (s *Store) Touch(id UserID) {
	s.pending[id]++
}
