package render

import (
	"context"
	"io"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"go.uber.org/goleak"
)

// eventually polls cond until it holds, failing after a generous
// liveness bound (not a timing threshold: it only stops a hung test).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(100 * time.Microsecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
	}
}

func newTestRun(limit int) *Run {
	r := &Run{Env: &Env{}}
	r.startGroup(context.Background(), limit)
	return r
}

// TestQuickValuesShareAGoroutine: values started one after another, each
// once the last is done and its goroutine idle, are all computed by one
// goroutine.
func TestQuickValuesShareAGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	r := newTestRun(8)
	const n = 20
	var done atomic.Int64
	for i := range n {
		f := r.newFuture()
		r.startLazy(f, func(context.Context) (any, error) { return i, nil })
		f.onReady(funcWaiter(func() { done.Add(1) }))
		eventually(t, "the value computed and its goroutine idle", func() bool {
			r.mu.Lock()
			defer r.mu.Unlock()
			return done.Load() == int64(i+1) && r.idle == 1
		})
	}
	if err := r.Wait(); err != nil {
		t.Fatal(err)
	}
	if g := r.Stats().Goroutines; g != 1 {
		t.Errorf("%d quick values started %d goroutines, want 1", n, g)
	}
	if r.live() != 0 {
		t.Errorf("%d goroutines still counted after Wait", r.live())
	}
}

// TestSlowValuesEachGetAGoroutine: values that wait are computed at the
// same time, each on a goroutine of its own, up to the limit; the one
// beyond waits in the queue for a slot.
func TestSlowValuesEachGetAGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t)
	const limit = 6
	r := newTestRun(limit)
	gate := make(chan struct{})
	var running atomic.Int64
	futures := make([]*Future, limit+1)
	for i := range futures {
		futures[i] = r.newFuture()
		r.startLazy(futures[i], func(context.Context) (any, error) {
			running.Add(1)
			<-gate
			return i, nil
		})
	}
	eventually(t, "every slot's value running at once", func() bool { return running.Load() == limit })
	if g := r.Stats().Goroutines; g != limit {
		t.Errorf("%d slow values on %d goroutines, want %d", limit, g, limit)
	}
	if q := r.Stats().Queued; q != 1 {
		t.Errorf("%d values queued, want 1", q)
	}
	close(gate)
	if err := r.Wait(); err != nil {
		t.Fatal(err)
	}
	for i, f := range futures {
		if !f.Ready() || f.val != i {
			t.Errorf("future %d: ready %v, value %v", i, f.Ready(), f.val)
		}
	}
	// The queued value starts as soon as a slot frees, before the nodes
	// waiting for the value that freed it render: on one more goroutine
	// when none is idle then.
	if g := r.Stats().Goroutines; g > limit+1 {
		t.Errorf("%d goroutines for %d slots and one queued value", g, limit)
	}
}

// TestReadyRenderStartsNoGoroutine: a render whose data is all ready
// starts no goroutine and makes no wake channel.
func TestReadyRenderStartsNoGoroutine(t *testing.T) {
	r := newTestRun(8)
	if err := r.Wait(); err != nil {
		t.Fatal(err)
	}
	if g := r.Stats().Goroutines; g != 0 || r.wake != nil || r.rctx.done != nil {
		t.Errorf("goroutines %d, wake channel %v, done channel %v", g, r.wake != nil, r.rctx.done != nil)
	}
}

// endedCtx is a context whose Err turns non-nil, once ended is set,
// before anything tells those watching it: the moment between a parent's
// deadline and the run of its AfterFunc.
type endedCtx struct {
	context.Context
	ended atomic.Bool
}

func (c *endedCtx) Err() error {
	if c.ended.Load() {
		return context.DeadlineExceeded
	}
	return nil
}

// TestContextEndsUnderLock: a slot passes to a queued value while the
// caller's context has just ended. The run looks at the context with its
// lock held, so looking must not cancel the render's context there
// (which tells the run, taking the lock): the queued value gets the
// context's error, and Wait returns it.
func TestContextEndsUnderLock(t *testing.T) {
	defer goleak.VerifyNone(t)
	parent := &endedCtx{Context: context.Background()}
	r := &Run{Env: &Env{}}
	r.startGroup(parent, 1)
	queued := make(chan struct{})
	first, second := r.newFuture(), r.newFuture()
	r.startLazy(first, func(context.Context) (any, error) {
		<-queued
		parent.ended.Store(true)
		return 1, nil
	})
	r.startLazy(second, func(context.Context) (any, error) { return 2, nil }) // beyond the limit: queued
	close(queued)
	eventually(t, "the queued value is resolved", second.Ready)
	if second.err != context.DeadlineExceeded {
		t.Errorf("queued value: %v, %v; want the context's error", second.val, second.err)
	}
	if err := r.Wait(); err == nil {
		t.Errorf("Wait: nil, want the context's end")
	}
}

// TestDeferralSizes keeps a deferred node's one allocation within its
// size class: a resumed {{ }} in 512 bytes (the largest class without a
// malloc header, which costs more to allocate and to scan), one with a
// full snapshot in 704. A field more moves it to the next class.
func TestDeferralSizes(t *testing.T) {
	if n := unsafe.Sizeof(resumeDeferral{}); n > 512 {
		t.Errorf("resumeDeferral: %d bytes, want at most 512", n)
	}
	if n := unsafe.Sizeof(fullDeferral{}); n > 704 {
		t.Errorf("fullDeferral: %d bytes, want at most 704", n)
	}
}

// TestOutReusesSplitBuffer: the pooled Out's buffer goes to the chunks in
// pieces when a node defers; once the render is over with all written
// and none of its goroutines left, Reset gives the Out the whole of it
// again, and not while a node still waits (its goroutine could write).
func TestOutReusesSplitBuffer(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, finish := range []bool{true, false} {
		s := NewState(context.Background(), &Env{Concurrency: 4}, &Program{Name: "t"}, nil)
		o := NewOut(io.Discard)
		o.Begin(s.Run)
		whole := unsafe.SliceData(o.buf)
		o.WriteString("before ")
		f := s.Run.newFuture()
		if err := s.Defer(o, Pos{}, "x", f, func(_ *State, out *Out) error {
			out.WriteString("value")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		o.WriteString(" after")
		if finish {
			f.resolve("v", nil) // the waiting node renders now, on this goroutine
			o.Close()
		} else {
			s.Run.Cancel() // the node never renders
		}
		s.Run.Wait()
		o.Reset(nil)
		if reused := unsafe.SliceData(o.buf) == whole; reused != finish {
			t.Errorf("render finished %v: buffer reused %v", finish, reused)
		}
	}
}

// countingFlusher counts its flushes.
type countingFlusher struct{ flushes int }

func (w *countingFlusher) Write(p []byte) (int, error) { return len(p), nil }
func (w *countingFlusher) Flush()                      { w.flushes++ }

// TestFlushSoon: a stream flushes its writer at once the first time
// something waits at its head, then at most once per flushEvery; a
// flush put off is owed, and paid once due (or at once where the render
// waits), on the stream's clock, which the test sets.
func TestFlushSoon(t *testing.T) {
	var w countingFlusher
	var now time.Duration
	st := &stream{w: &w, run: &Run{}, clock: func() time.Duration { return now }}
	steps := []struct {
		at      time.Duration
		do      string // soon, due (payFlush(true)), pay (payFlush(false))
		flushes int    // after it
		owed    bool
	}{
		{0, "soon", 1, false}, // the first: at once
		{flushEvery / 10, "soon", 1, true},
		{flushEvery / 5, "soon", 1, true},
		{flushEvery / 2, "due", 1, true},    // not due yet
		{flushEvery + 1, "due", 2, false},   // due: paid
		{flushEvery + 2, "soon", 2, true},   // just flushed
		{flushEvery + 3, "pay", 3, false},   // the render waits: paid now
		{flushEvery + 4, "pay", 3, false},   // nothing owed
		{3 * flushEvery, "soon", 4, false},  // long after: at once
		{3*flushEvery + 1, "due", 4, false}, // nothing owed
	}
	for _, s := range steps {
		now = s.at
		switch s.do {
		case "soon":
			st.flushSoon()
		case "due":
			st.payFlush(true)
		case "pay":
			st.payFlush(false)
		}
		if w.flushes != s.flushes || st.owed != s.owed {
			t.Fatalf("at %v, %s: %d flushes, owed %v; want %d, %v", s.at, s.do, w.flushes, st.owed, s.flushes, s.owed)
		}
	}
}
