package render

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// The scheduler. Invariants:
//   - A render starts goroutines only through Run.tryGo, on one errgroup
//     with a limit; when no slot is free the work runs inline in the
//     caller, so no goroutine ever waits for a slot and nothing can
//     deadlock: a Future is always either being computed by a running
//     goroutine or already resolved.
//   - The first error a deferred node meets cancels the render's context
//     (Run.fail); Run.Wait returns it after every goroutine has ended and
//     every deferred node has rendered.
//   - A sequential render (Env.Sequential) never starts a goroutine, and a
//     concurrent one starts none, and makes no group, while all its data
//     is ready.

// startGroup prepares the run; limit <= 0 means sequential. The errgroup
// is made on first use, by the render's own goroutine (no other exists
// before it).
func (r *Run) startGroup(ctx context.Context, limit int) {
	r.ctx, r.limit = ctx, limit
	if limit > 0 {
		r.ctx, r.cancel = context.WithCancel(ctx)
	}
}

// Cancel cancels the render's context, for when the render fails outside
// a deferred node; Wait then returns soon.
func (r *Run) Cancel() {
	if r.cancel != nil {
		r.cancel()
	}
}

// tryGo runs fn on a new goroutine if a slot is free.
func (r *Run) tryGo(fn func()) bool {
	if r.limit <= 0 {
		return false
	}
	if r.group == nil {
		r.group = new(errgroup.Group)
		r.group.SetLimit(r.limit)
	}
	r.pending.Add(1) // before the goroutine can start, so Wait sees it
	ok := r.group.TryGo(func() error {
		defer r.pending.Done()
		n := r.stats.running.Add(1)
		for {
			peak := r.stats.peak.Load()
			if n <= peak || r.stats.peak.CompareAndSwap(peak, n) {
				break
			}
		}
		defer r.stats.running.Add(-1)
		fn()
		return nil
	})
	if !ok {
		r.pending.Done()
	}
	return ok
}

// fail records the first error of a deferred node and cancels the render.
func (r *Run) fail(err error) {
	r.failMu.Lock()
	if r.failed == nil {
		r.failed = err
	}
	r.failMu.Unlock()
	r.Cancel()
}

// Concurrent reports whether the render may start goroutines.
func (r *Run) Concurrent() bool { return r.limit > 0 }

// Wait waits for every goroutine of the render and returns the first
// error one of them returned.
func (r *Run) Wait() error {
	// pending counts the goroutines and the deferred nodes still waiting;
	// either may start more of the other, and each is counted before the
	// one that starts it ends, so zero means all is done. Errors come
	// through fail, not the group: its goroutines return nil.
	r.pending.Wait()
	if r.group != nil {
		r.group.Wait()
	}
	r.Cancel()
	r.failMu.Lock()
	defer r.failMu.Unlock()
	return r.failed
}

// Context is the render's context: cancelled by the caller or by the
// first error of a deferred node.
func (r *Run) Context() context.Context { return r.ctx }

// Stats describe what a render waited for, for finding slow data sources
// and N+1 patterns.
type Stats struct {
	Deferred    int64         // nodes that deferred themselves
	LazyStarted int64         // lazy values started
	Peak        int64         // most goroutines running at once
	Waited      time.Duration // total time deferred nodes waited for values
	Slowest     []Wait        // the longest waits, longest first (at most 5)
}

// Wait is one deferred node's wait.
type Wait struct {
	Template  string
	Line, Col int
	Waited    time.Duration
}

type stats struct {
	deferred, lazyStarted, running, peak, waited atomic.Int64
	mu                                           sync.Mutex
	slowest                                      []Wait
}

func (st *stats) noteWait(w Wait) {
	st.waited.Add(int64(w.Waited))
	st.mu.Lock()
	defer st.mu.Unlock()
	st.slowest = append(st.slowest, w)
	slices.SortFunc(st.slowest, func(a, b Wait) int { return int(b.Waited - a.Waited) })
	if len(st.slowest) > 5 {
		st.slowest = st.slowest[:5]
	}
}

// Stats returns the render's statistics so far.
func (r *Run) Stats() Stats {
	r.stats.mu.Lock()
	defer r.stats.mu.Unlock()
	return Stats{
		Deferred:    r.stats.deferred.Load(),
		LazyStarted: r.stats.lazyStarted.Load(),
		Peak:        r.stats.peak.Load(),
		Waited:      time.Duration(r.stats.waited.Load()),
		Slowest:     slices.Clone(r.stats.slowest),
	}
}
