//go:build race

package parser

// raceEnabled: the race detector is on (it allocates: counts of the
// allocations a pool saves are left unchecked).
const raceEnabled = true
