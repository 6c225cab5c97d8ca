//go:build !race

package braid_test

// raceEnabled: the race detector is on (it allocates: allocation bounds do
// not hold).
const raceEnabled = false
