//go:build !race

package parser

// raceEnabled: the race detector is on (sync.Pool then drops what it is
// given at random: counts of allocations saved by a pool do not hold).
const raceEnabled = false
