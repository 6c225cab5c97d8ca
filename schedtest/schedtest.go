// Package schedtest has render.Schedules for tests: each decides, at
// every step of a render, which of the work that goroutines would be
// doing has finished, so that a timing can be chosen and replayed exactly
// instead of hoped for. A render under a schedule starts no goroutine;
// its output must be byte for byte the sequential render's under every
// schedule.
//
// It knows only package render's Schedule interface and futures.
package schedtest

import (
	"fmt"
	"math/rand/v2"

	"github.com/braidtpl/braid/render"
)

// Policies are the schedules' names, for New:
//
//   - "eager": all queued work runs at every step, so every value is
//     ready the first time the render looks at it;
//   - "late": no work runs until the render must wait, so every value is
//     pending at every look and every node that can defer does;
//   - "next": work runs at the second step after it was queued, so a
//     value is pending at the first look and ready at the next (the
//     window where a look and a second look disagree);
//   - "random": at each step, each queued piece of work runs with
//     probability one half, in a random order chosen by the seed.
var Policies = []string{"eager", "late", "next", "random"}

// Schedule is a render.Schedule. It is not safe for concurrent use: it
// runs everything on the goroutine of the render that uses it.
type Schedule struct {
	policy string
	rng    *rand.Rand
	queue  []job
	steps  int
	// Ran counts the pieces of work run, Steps the steps seen.
	Ran, Steps int
}

type job struct {
	work func()
	born int // the step count when it was queued
}

// New returns the schedule named policy (see Policies); seed chooses the
// random policy's choices.
func New(policy string, seed uint64) *Schedule {
	switch policy {
	case "eager", "late", "next", "random":
	default:
		panic(fmt.Sprintf("schedtest: no policy %q", policy))
	}
	return &Schedule{policy: policy, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// FromByte returns the schedule a fuzzer's byte chooses, with seed.
func FromByte(b byte, seed uint64) *Schedule {
	return New(Policies[int(b)%len(Policies)], seed)
}

// String names the schedule.
func (s *Schedule) String() string { return s.policy }

// Go queues work.
func (s *Schedule) Go(work func()) {
	s.queue = append(s.queue, job{work: work, born: s.steps})
}

// Promise returns a future made outside the render (as braid.Go makes),
// resolved to v and err by work that this schedule runs when it chooses.
func (s *Schedule) Promise(v any, err error) *render.Future {
	f, resolve := render.ScheduledPromise(s)
	s.Go(func() { resolve(v, err) })
	return f
}

// Step runs the work the policy says has finished by now.
func (s *Schedule) Step() {
	s.steps++
	s.Steps++
	switch s.policy {
	case "eager":
		for len(s.queue) > 0 {
			s.run(0)
		}
	case "next":
		for i := 0; i < len(s.queue); {
			if s.queue[i].born < s.steps-1 {
				s.run(i)
				i = 0 // the work may have queued or run others
				continue
			}
			i++
		}
	case "random":
		for n := len(s.queue); n > 0 && len(s.queue) > 0; n-- {
			if s.rng.IntN(2) == 0 {
				s.run(s.rng.IntN(len(s.queue)))
			}
		}
	}
}

// Wait runs work until done holds or none is left: the oldest first, or
// a random one under the random policy.
func (s *Schedule) Wait(done func() bool) bool {
	for !done() {
		if len(s.queue) == 0 {
			return false
		}
		i := 0
		if s.policy == "random" {
			i = s.rng.IntN(len(s.queue))
		}
		s.run(i)
	}
	return true
}

// Pending is how many pieces of work are queued.
func (s *Schedule) Pending() int { return len(s.queue) }

// run removes the i-th piece of work and runs it.
func (s *Schedule) run(i int) {
	j := s.queue[i]
	s.queue = append(s.queue[:i], s.queue[i+1:]...)
	s.Ran++
	j.work()
}
