package render

import "context"

// Schedule lets a test choose when a concurrent render's work runs, so
// that a timing that breaks the render can be chosen and replayed instead
// of waited for (package schedtest of this module has schedules). Under a
// Schedule the render starts no goroutine: the work it would run on one
// (computing a lazy value, rendering a node whose value came) goes to Go,
// and the schedule runs it, on the render's goroutine, at a step or a
// wait of its choosing. Futures made outside the render (NewPromise) are
// resolved by work the test gives the schedule too.
type Schedule interface {
	// Go takes work the render would run on a new goroutine.
	Go(work func())
	// Step is called wherever, with goroutines, work could have finished
	// meanwhile: before each look at a future (State.Settle), each
	// filter, each lookup and each node. The schedule may run work now.
	Step()
	// Wait is called when the render cannot go on until done() holds:
	// a value a node must wait for in place, room in the buffered
	// output, the end of the render. It runs work until done() holds or
	// no work is left, and reports whether done() holds.
	Wait(done func() bool) bool
}

// ScheduledPromise is NewPromise for a test: a future made outside the
// render (as braid.Go makes) whose every look at its readiness is a
// Step of sch, so that sch may resolve it at exactly that moment.
func ScheduledPromise(sch Schedule) (f *Future, resolve func(v any, err error)) {
	f, resolve = NewPromise()
	f.look = sch.Step
	return f, resolve
}

type scheduleKey struct{}

// WithSchedule returns a context under which renders follow sch instead
// of starting goroutines. It is for tests; a render without one uses
// goroutines. The schedule is used by one render at a time.
func WithSchedule(ctx context.Context, sch Schedule) context.Context {
	return context.WithValue(ctx, scheduleKey{}, sch)
}

func scheduleFrom(ctx context.Context) Schedule {
	if ctx == nil {
		return nil
	}
	sch, _ := ctx.Value(scheduleKey{}).(Schedule)
	return sch
}

// Step is a point where, under a test's Schedule, queued work may run
// (see Schedule.Step). Without one it does nothing.
func (s *State) Step() {
	if h := s.Run.sched; h != nil {
		h.Step()
	}
}
