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
//     once the Future is ready, on a snapshot of the state; a {{ }} whose
//     expression reads the scope only for its variable (a chain of
//     lookups and filters with constant arguments) resumes instead from
//     the Future's value, on the state's settings alone (Resumer,
//     DeferResume). Either way it gives what a sequential render gives:
//     a chain that waited remembers the methods it called on the way,
//     so that the evaluation after the wait finds the same receivers.
//   - A lazy value starts the moment the page first touches it: it takes
//     a slot and is ready for the render's goroutines (see dispatch). At
//     most Env.Concurrency of them are computed at once, each by a
//     goroutine while it computes it; the ones beyond wait in a FIFO queue
//     while the page goes on. A slot passes to the next queued value as
//     soon as a value returns, before the nodes that waited for it render.
//     A node that must wait in place for a queued value computes it
//     itself, so no goroutine waits for a slot and nothing can deadlock.
//   - The render's goroutines are few: each takes the ready tasks in
//     turn and, having done one, the next, or waits idle until Wait
//     stops it; a new one starts only when a task is ready, none is idle
//     and none is starting already. A page of many quick values is
//     computed by a handful of goroutines; slow values each get one of
//     their own, within a goroutine's start of each other.
//   - A node waiting for a Future holds no goroutine: it is a function
//     the Future runs when resolved (owned futures: on the goroutine that
//     computed it; futures made elsewhere: as new render work).
//   - The render's context is its own (runContext), made with the Run:
//     no channel, goroutine or registration with the caller's context
//     until something asks for its Done channel or must wait for its end
//     (Wait, an Out waiting for room); when it ends it tells the Run
//     (cancelled), which wakes them.
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
		r.rctx.parent, r.rctx.run = ctx, r
		r.ctx = &r.rctx
	}
}

// Cancel cancels the render's context, for when the render fails outside
// a deferred node; Wait then returns soon.
func (r *Run) Cancel() {
	if r.ctx == &r.rctx {
		r.rctx.cancel(context.Canceled)
	}
}

// Concurrent reports whether the render may defer nodes and compute lazy
// values concurrently.
func (r *Run) Concurrent() bool { return r.limit > 0 }

// startLazy computes the lazy value f by calling fn (see Call): now, in a
// sequential render; on a goroutine of its own when a slot is free;
// otherwise later, from the queue.
func (r *Run) startLazy(f *Future, call any) {
	switch {
	case !r.Concurrent():
		if r.beforeWait != nil {
			r.beforeWait.FlushWaiting() // the reader gets what is known first
		}
		v, err := protectCall(r.ctx, call)
		if cerr := r.ctx.Err(); cerr != nil {
			v, err = nil, cerr // the deadline passed meanwhile: drop the value
		}
		f.resolve(v, err)
		return
	case r.sched != nil:
		r.sched.Go(func() { f.resolve(protectCall(r.ctx, call)) })
		return
	}
	r.mu.Lock()
	if r.inflight < r.limit {
		r.inflight++
		r.stats.notePeak(int64(r.inflight))
		r.dispatch(task{f: f, call: call})
		r.mu.Unlock()
		return
	}
	r.needWake()
	f.call = call
	r.queue = append(r.queue, f)
	r.stats.queued.Add(1)
	r.mu.Unlock()
}

// task is work for one of the render's goroutines: a lazy value to
// compute on a slot (f, call), or render work (fn).
type task struct {
	f    *Future
	call any // the lazy function, for Call
	w    waiter
}

// run does t: computes the value, passes its slot on, then resolves the
// future (rendering the nodes that waited for it); or runs fn.
func (t task) run(r *Run) {
	if t.w != nil {
		t.w.ready()
		return
	}
	v, err := protectCall(r.ctx, t.call)
	r.passSlot()
	t.f.resolve(v, err)
}

// dispatch makes t ready for the render's goroutines: it wakes an idle
// one, or starts one unless one is starting already. r.mu is held.
//
// The render's goroutines take ready tasks first in first out, and one
// that has done its task takes the next, or waits idle for one until Wait
// stops it. So a page of many quick lazy values is computed by a few
// goroutines, whose stacks have grown to what the values need, instead of
// one goroutine each. At most one goroutine is starting at a time: one
// that takes a task while more are ready starts (or wakes) the next, so
// values that are slow each get a goroutine of their own within a
// goroutine's start of each other.
func (r *Run) dispatch(t task) {
	r.needWake()
	if r.ready == nil {
		r.ready = make([]task, 0, 16)
	}
	if len(r.ready) == cap(r.ready) && r.taken > 0 {
		// Full, with room at the front: move the waiting ones there.
		n := copy(r.ready, r.ready[r.taken:])
		clear(r.ready[n:])
		r.ready, r.taken = r.ready[:n], 0
	}
	r.ready = append(r.ready, t)
	r.more()
}

// more wakes an idle goroutine, or starts one if none is starting, for
// the ready tasks. r.mu is held.
func (r *Run) more() {
	switch {
	case r.idle > 0:
		r.idle-- // counted busy from now, so that Wait does not stop it
		r.idleCond.Signal()
	case r.starting == 0:
		r.starting++
		r.goroutines++
		r.stats.goroutines.Add(1)
		go r.work()
	}
}

// work is a render goroutine: it takes ready tasks until Wait stops the
// idle goroutines.
func (r *Run) work() {
	defer r.goroutineDone()
	r.mu.Lock()
	r.starting--
	for {
		if len(r.ready) == 0 {
			if r.stopped {
				r.mu.Unlock()
				return
			}
			r.idleCond.L = &r.mu
			r.idle++
			if r.goroutines == r.idle && r.waiting == 0 {
				poke(r.wake) // all quiet: Wait may stop the idle goroutines
			}
			r.idleCond.Wait() // whoever wakes it counts it busy again
			continue
		}
		t := r.ready[r.taken]
		r.ready[r.taken] = task{}
		if r.taken++; r.taken == len(r.ready) {
			r.ready, r.taken = r.ready[:0], 0 // the same array for the next ones
		}
		if len(r.ready) > 0 {
			r.more()
		}
		r.mu.Unlock()
		t.run(r)
		r.mu.Lock()
	}
}

// stopIdle ends the idle goroutines; the goroutines that finish a task
// from now on end when no task is ready.
func (r *Run) stopIdle() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.stopped {
		r.stopped = true
		r.idle = 0
		r.idleCond.Broadcast()
	}
}

// passSlot gives a finished value's slot to the first queued value, on
// an idle or new goroutine, or frees it. After the render's context ended, queued
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
		if err := r.ended(); err != nil { // r.mu is held
			r.mu.Unlock()
			next.resolve(nil, err)
			r.mu.Lock()
			continue
		}
		r.dispatch(task{f: next, call: call})
		r.mu.Unlock()
		return
	}
	r.inflight--
	r.mu.Unlock()
}

// take removes f's computation from the queue, if it is still there.
func (r *Run) take(f *Future) any {
	if !f.owned {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	call := f.call
	f.call = nil
	return call
}

// run does w, render work (not a lazy value), on an idle or new
// goroutine.
func (r *Run) run(w waiter) {
	if r.sched != nil {
		r.sched.Go(w.ready)
		return
	}
	r.mu.Lock()
	r.dispatch(task{w: w})
	r.mu.Unlock()
}

// when runs fn once f is ready: where f is resolved, for a future this
// render owns; as new render work, for one made elsewhere (whose resolver
// is the caller's goroutine, not the render's).
func (r *Run) when(f *Future, w waiter) {
	if f.owned || f.Ready() {
		f.onReady(w)
		return
	}
	f.onReady(funcWaiter(func() {
		if !r.sealed.Load() { // a render that returned starts nothing more
			r.run(w)
		}
	}))
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
	idle := r.waiting == 0 && r.goroutines == r.idle
	wake := r.wake
	r.mu.Unlock()
	if idle {
		poke(wake)
	}
}

func (r *Run) goroutineDone() {
	r.mu.Lock()
	r.goroutines--
	quiet := r.goroutines == r.idle
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

// noteLazies keeps the number of lazy values the render started for the
// next render of its program (Program.lazies), at most maxLazyHint.
func (r *Run) noteLazies() {
	r.lazy.mu.Lock()
	n := len(r.lazy.m)
	r.lazy.mu.Unlock()
	if r.prog != nil && n > 0 {
		r.prog.lazies.Store(int32(min(n, maxLazyHint)))
	}
}

// maxLazyHint bounds the table a render makes at once from the last one.
const maxLazyHint = 4096

// ended is the render's context's error, without cancelling it: for
// callers that hold r.mu or a stream's lock, which cancelling takes
// (cancelled).
func (r *Run) ended() error {
	if r.ctx == &r.rctx {
		return r.rctx.errNow()
	}
	return r.ctx.Err()
}

// payFlushes pays the flushes the render's streams put off (see
// stream.flushSoon).
func (r *Run) payFlushes() {
	if !r.flushOwed.Swap(false) {
		return
	}
	r.mu.Lock()
	streams := r.streams
	r.mu.Unlock()
	for _, st := range streams {
		st.mu.Lock()
		st.payFlush(false)
		st.mu.Unlock()
	}
}

// cancelled is told by the render's context when it ends: Wait and the
// Outs waiting for room look again. It takes the streams' locks: whoever
// cancels the context must hold none (see ended).
func (r *Run) cancelled() {
	poke(r.wakeChan())
	r.mu.Lock()
	streams := r.streams
	r.mu.Unlock()
	for _, st := range streams {
		st.mu.Lock()
		st.room.Broadcast()
		st.mu.Unlock()
	}
}

// poke wakes Wait to look at the counts again.
func poke(wake chan struct{}) {
	select {
	case wake <- struct{}{}:
	default:
	}
}

// counts returns the goroutines doing work (not idle) and the nodes
// waiting.
func (r *Run) counts() (busy, waiting int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.goroutines - r.idle, r.waiting
}

// live returns the goroutines of the render, idle ones included.
func (r *Run) live() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.goroutines
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
		ended := r.ctx.Err() // before Cancel: the caller's end, or the first error's
		r.Cancel()
		if err := r.failure(); err != nil || ended == nil {
			return err
		}
		// As with goroutines: a node that saw the end did not render.
		r.seal()
		return r.waitError(ended)
	}
	ended := false
	wake := r.wakeChan() // nil only if nothing was ever counted
	r.rctx.watch()       // the end of the caller's context pokes wake too (see cancelled)
	var flushTimer *time.Timer
	for {
		if r.ctx.Err() != nil {
			ended = true // a node that saw the end did not render: report it
			break
		}
		if g, w := r.counts(); g == 0 && w == 0 {
			break
		}
		if !r.flushOwed.Load() {
			<-wake
			continue
		}
		// A flush was put off: it is paid flushEvery later at the latest.
		if flushTimer == nil {
			flushTimer = time.NewTimer(flushEvery)
		}
		select {
		case <-wake:
		case <-flushTimer.C:
			r.payFlushes()
			flushTimer = nil
		}
	}
	if flushTimer != nil {
		flushTimer.Stop()
	}
	r.stopIdle()
	for !ended && r.live() > 0 { // the idle goroutines are ending
		<-wake
	}
	if ended {
		grace := time.NewTimer(abandonGrace)
	settle:
		for {
			if r.live() == 0 {
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
	r.Cancel()
	r.noteLazies()
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
	Goroutines  int64         // goroutines the render started (none while all its data is ready)
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
	deferred, lazyStarted, queued, peak, abandoned, buffered, waited, goroutines atomic.Int64
	mu                                                                           sync.Mutex
	slowest                                                                      []Wait
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
	if st.slowest == nil {
		st.slowest = make([]Wait, 0, 6) // the five slowest, and one more in passing
	}
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
		Goroutines:  r.stats.goroutines.Load(),
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
