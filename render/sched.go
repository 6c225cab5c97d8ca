package render

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The scheduler. Invariants:
//
//   - The pending signal is not a value. Evaluating an expression gives
//     either its value or the Future it cannot go on without (never a
//     Future standing for the expression's value), and the one look at a
//     Future that decides which (State.Settle) is the only one: a Future
//     that becomes ready a moment later changes nothing about what that
//     evaluation said. A node told to wait renders again from scratch
//     once the Future is ready.
//   - A lazy value starts the moment the page first touches it. At most
//     Env.Concurrency of them are computed at once, each on a goroutine
//     of its own; the ones beyond wait in a FIFO queue while the page
//     goes on. A slot passes to the next queued value as soon as a value
//     returns, before the nodes that waited for it render. A node that
//     must wait in place for a queued value computes it itself, so no
//     goroutine waits for a slot and nothing can deadlock.
//   - A node waiting for a Future holds no goroutine: it is a function
//     the Future runs when resolved (owned futures: on the goroutine that
//     computed it; futures made elsewhere: on a new render goroutine).
//   - Run.Wait returns once every goroutine and every waiting node is
//     done, or, when the render's context ends (the caller's deadline, or
//     the first error, which cancels it), at most abandonGrace later: the
//     render is then sealed, so that a goroutine still running (a lazy
//     value that ignores its context) can no longer touch the output, and
//     it is counted in Stats.Abandoned.
//   - A sequential render (Env.Sequential) never starts a goroutine, and a
//     concurrent one starts none while all its data is ready.
//   - With a Schedule in the context (tests), the render starts no
//     goroutine either: the schedule runs all the work above, in the
//     order it chooses, so that every interleaving can be replayed.

// abandonGrace is how long Wait gives the render's goroutines to notice
// that its context ended before it abandons them: long enough for ones
// that honour their context, short enough that a render returns within
// milliseconds of its deadline.
const abandonGrace = 2 * time.Millisecond

// startGroup prepares the run; limit <= 0 means sequential.
func (r *Run) startGroup(ctx context.Context, limit int) {
	r.ctx, r.limit = ctx, limit
	r.sched = scheduleFrom(ctx)
	if limit > 0 || r.sched != nil {
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

// Concurrent reports whether the render may defer nodes and compute lazy
// values concurrently.
func (r *Run) Concurrent() bool { return r.limit > 0 }

// startLazy computes the lazy value f with call: now, in a sequential
// render; on a goroutine of its own when a slot is free; otherwise later,
// from the queue.
func (r *Run) startLazy(f *Future, call func(context.Context) (any, error)) {
	switch {
	case !r.Concurrent():
		if r.beforeWait != nil {
			r.beforeWait() // the reader gets what is known first
		}
		v, err := protect(r.ctx, call)
		if cerr := r.ctx.Err(); cerr != nil {
			v, err = nil, cerr // the deadline passed meanwhile: drop the value
		}
		f.resolve(v, err)
		return
	case r.sched != nil:
		r.sched.Go(func() { f.resolve(protect(r.ctx, call)) })
		return
	}
	r.mu.Lock()
	r.needWake()
	if r.inflight < r.limit {
		r.inflight++
		r.goroutines++
		r.stats.notePeak(int64(r.inflight))
		r.mu.Unlock()
		go r.runLazy(f, call)
		return
	}
	f.call = call
	r.queue = append(r.queue, f)
	r.stats.queued.Add(1)
	r.mu.Unlock()
}

// runLazy computes f on the goroutine of a slot, passes the slot on, then
// resolves f (rendering the nodes that waited for it).
func (r *Run) runLazy(f *Future, call func(context.Context) (any, error)) {
	defer r.goroutineDone()
	v, err := protect(r.ctx, call)
	r.passSlot()
	f.resolve(v, err)
}

// passSlot gives a finished value's slot to the first queued value, on a
// new goroutine, or frees it. After the render's context ended, queued
// values are not started: they resolve to its error.
func (r *Run) passSlot() {
	r.mu.Lock()
	for len(r.queue) > 0 {
		next := r.queue[0]
		r.queue[0] = nil
		r.queue = r.queue[1:]
		call := next.call
		if call == nil {
			continue // taken by a node that needed it at once
		}
		next.call = nil
		if err := r.ctx.Err(); err != nil {
			r.mu.Unlock()
			next.resolve(nil, err)
			r.mu.Lock()
			continue
		}
		r.goroutines++
		r.mu.Unlock()
		go r.runLazy(next, call)
		return
	}
	r.inflight--
	r.mu.Unlock()
}

// take removes f's computation from the queue, if it is still there.
func (r *Run) take(f *Future) func(context.Context) (any, error) {
	if !f.owned {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	call := f.call
	f.call = nil
	return call
}

// spawn runs fn, render work (not a lazy value), on a new goroutine.
func (r *Run) spawn(fn func()) {
	if r.sched != nil {
		r.sched.Go(fn)
		return
	}
	r.mu.Lock()
	r.needWake()
	r.goroutines++
	r.mu.Unlock()
	go func() {
		defer r.goroutineDone()
		fn()
	}()
}

// when runs fn once f is ready: where f is resolved, for a future this
// render owns; as new render work, for one made elsewhere (whose resolver
// is the caller's goroutine, not the render's).
func (r *Run) when(f *Future, fn func()) {
	if f.owned || f.Ready() {
		f.onReady(fn)
		return
	}
	f.onReady(func() {
		if !r.sealed.Load() { // a render that returned starts nothing more
			r.spawn(fn)
		}
	})
}

// hold counts a node or binding waiting for a value; release ends it.
func (r *Run) hold() {
	r.mu.Lock()
	r.needWake()
	r.waiting++
	r.mu.Unlock()
}

func (r *Run) release() {
	r.mu.Lock()
	r.waiting--
	idle := r.waiting == 0 && r.goroutines == 0
	wake := r.wake
	r.mu.Unlock()
	if idle {
		poke(wake)
	}
}

func (r *Run) goroutineDone() {
	r.mu.Lock()
	r.goroutines--
	quiet := r.goroutines == 0
	wake := r.wake
	r.mu.Unlock()
	if quiet {
		poke(wake)
	}
}

// needWake makes the channel that wakes Wait, on the render's first
// goroutine or waiting node (a render of ready data makes none). r.mu is
// held.
func (r *Run) needWake() {
	if r.wake == nil {
		r.wake = make(chan struct{}, 1)
	}
}

// poke wakes Wait to look at the counts again.
func poke(wake chan struct{}) {
	select {
	case wake <- struct{}{}:
	default:
	}
}

// counts returns the goroutines running and the nodes waiting.
func (r *Run) counts() (goroutines, waiting int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.goroutines, r.waiting
}

// wakeChan returns the channel that wakes Wait; it exists once anything
// was counted.
func (r *Run) wakeChan() chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.wake
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

// failure returns the first error fail recorded.
func (r *Run) failure() error {
	r.failMu.Lock()
	defer r.failMu.Unlock()
	return r.failed
}

// Wait waits for the render's goroutines and waiting nodes (see the
// invariants above) and returns the first error one of them met, or,
// when the context ended first, a positioned error naming the first node
// of the page still waiting.
func (r *Run) Wait() error {
	if !r.Concurrent() {
		return r.failure() // only a test's Schedule can fail a sequential render here
	}
	if r.sched != nil {
		idle := func() bool { g, w := r.counts(); return g == 0 && w == 0 }
		if !r.sched.Wait(idle) {
			r.fail(r.waitError(errStuck))
			r.seal()
		}
		r.Cancel()
		return r.failure()
	}
	ended := false
	wake := r.wakeChan() // nil only if nothing was ever counted
	for !ended {
		if g, w := r.counts(); g == 0 && w == 0 {
			break
		}
		select {
		case <-wake:
		case <-r.ctx.Done():
			ended = true
		}
	}
	if ended {
		grace := time.NewTimer(abandonGrace)
	settle:
		for {
			if g, _ := r.counts(); g == 0 {
				break
			}
			select {
			case <-wake:
			case <-grace.C:
				break settle
			}
		}
		grace.Stop()
		r.Cancel()
		r.seal()
	}
	r.unhookStreams()
	r.Cancel()
	if err := r.failure(); err != nil {
		return err
	}
	if ended {
		return r.waitError(r.ctx.Err())
	}
	return nil
}

// seal ends the render for its goroutines: from now on the output is
// closed to them (see stream.seal), waiting nodes do nothing when their
// value comes, and goroutines still running are counted as abandoned.
func (r *Run) seal() {
	if r.sealed.Swap(true) {
		return
	}
	r.mu.Lock()
	g := r.goroutines
	var queued []*Future
	for _, f := range r.queue {
		if f.call != nil {
			f.call = nil
			queued = append(queued, f)
		}
	}
	r.queue = nil
	streams := r.streams
	r.mu.Unlock()
	r.stats.abandoned.Store(int64(g))
	for _, st := range streams {
		st.seal()
	}
	for _, f := range queued {
		f.resolve(nil, r.ctx.Err())
	}
}

// unhookStreams stops the streams' watch on the render's context, which
// Wait is about to cancel.
func (r *Run) unhookStreams() {
	r.mu.Lock()
	streams := r.streams
	r.mu.Unlock()
	for _, st := range streams {
		if st.unhook != nil {
			st.unhook()
		}
	}
}

// addStream registers the chunk chain of the render's output, so that
// seal closes it.
func (r *Run) addStream(st *stream) {
	r.mu.Lock()
	r.streams = append(r.streams, st)
	r.mu.Unlock()
}

// waitError is the error of a render whose context ended: at the first
// node of the page still waiting for a value, if any.
func (r *Run) waitError(err error) error {
	r.mu.Lock()
	streams := slices.Clone(r.streams)
	r.mu.Unlock()
	for _, st := range streams {
		if n := st.firstWaiting(); n != nil {
			return n.state.Errorf(n.pos, err, "%s: still waiting for its value", n.what)
		}
	}
	return err
}

// errStuck is what a render under a test Schedule fails with when nodes
// wait for values that no remaining work can compute.
var errStuck = stuckError{}

type stuckError struct{}

func (stuckError) Error() string {
	return "render stuck: nodes wait for values no remaining work computes"
}

// Context is the render's context: cancelled by the caller or by the
// first error of a deferred node.
func (r *Run) Context() context.Context { return r.ctx }

// Stats describe what a render waited for, for finding slow data sources
// and N+1 patterns.
type Stats struct {
	Deferred    int64         // nodes that deferred themselves
	LazyStarted int64         // lazy values started
	Queued      int64         // lazy values that waited in the queue for a slot
	Peak        int64         // most lazy values computed at once
	Abandoned   int64         // goroutines still running when the render returned after its context ended
	Buffered    int64         // most output bytes held at once behind a waiting node
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
	deferred, lazyStarted, queued, peak, abandoned, buffered, waited atomic.Int64
	mu                                                               sync.Mutex
	slowest                                                          []Wait
}

// noteWait counts a deferred node's wait at pos of prog; the line and
// column are found only for a wait among the slowest, which Stats keeps.
func (st *stats) noteWait(w Wait, prog *Program, pos Pos) {
	st.waited.Add(int64(w.Waited))
	st.mu.Lock()
	defer st.mu.Unlock()
	if len(st.slowest) == 5 && w.Waited <= st.slowest[4].Waited {
		return
	}
	at := prog.resolve(pos)
	w.Line, w.Col = at.Line, at.Col
	st.slowest = append(st.slowest, w)
	slices.SortFunc(st.slowest, func(a, b Wait) int { return int(b.Waited - a.Waited) })
	if len(st.slowest) > 5 {
		st.slowest = st.slowest[:5]
	}
}

// notePeak raises the peak of lazy values in flight to n.
func (st *stats) notePeak(n int64) {
	for {
		peak := st.peak.Load()
		if n <= peak || st.peak.CompareAndSwap(peak, n) {
			return
		}
	}
}

// Stats returns the render's statistics so far.
func (r *Run) Stats() Stats {
	r.stats.mu.Lock()
	defer r.stats.mu.Unlock()
	return Stats{
		Deferred:    r.stats.deferred.Load(),
		LazyStarted: r.stats.lazyStarted.Load(),
		Queued:      r.stats.queued.Load(),
		Peak:        r.stats.peak.Load(),
		Abandoned:   r.stats.abandoned.Load(),
		Buffered:    r.stats.buffered.Load(),
		Waited:      time.Duration(r.stats.waited.Load()),
		Slowest:     slices.Clone(r.stats.slowest),
	}
}

// noteBuffered raises the peak of buffered bytes to n.
func (st *stats) noteBuffered(n int64) {
	for {
		peak := st.buffered.Load()
		if n <= peak || st.buffered.CompareAndSwap(peak, n) {
			return
		}
	}
}
