package render

import (
	"context"
	"reflect"
	"sync"
	"sync/atomic"
)

// Future is a value that is being computed: a lazy value the render has
// started, a binding waiting for its inputs, or a future the caller made
// with braid.Go or NewPromise. A node that needs a Future's value defers
// itself until it is ready (see State.Defer); a node that only binds it
// binds the Future itself.
//
// A Future is resolved once; its value and error never change after, so
// one look at it (State.Settle) decides for the whole evaluation.
type Future struct {
	ready atomic.Bool   // the value is known
	done  chan struct{} // made by Done or Wait, closed once ready; under mu
	val   any
	err   error

	// owned: made by the render (a lazy value, a binding), so that
	// whoever resolves it also runs the nodes waiting for it, on the
	// render's own goroutine. Waiters of a future made elsewhere are
	// handed to the render's scheduler instead.
	owned bool
	mu    sync.Mutex
	// first, then waiters: the functions to run once ready (most futures
	// have one).
	first   waiter
	waiters []waiter
	// call is the lazy function (see Call) of a value waiting in the run's queue
	// for a slot; whoever takes it (a freed slot, or a node that must
	// wait for the value) sets it to nil under the run's mutex.
	call any
	// look, under a test's Schedule, is its Step: every look at the
	// future's readiness is a moment where the schedule may resolve it.
	look func()
}

// NewFuture returns a future that fn resolves, running fn in a new
// goroutine now. A panic in fn becomes the future's error.
func NewFuture(ctx context.Context, fn func(context.Context) (any, error)) *Future {
	f := &Future{}
	go func() { f.resolve(protect(ctx, fn)) }()
	return f
}

// NewPromise returns a future that is not ready and the function that
// resolves it, for values computed by callbacks rather than by a
// function the render could call. Only the first call of resolve counts.
// The waiting nodes render on the render's goroutines, not in resolve.
func NewPromise() (f *Future, resolve func(v any, err error)) {
	f = &Future{}
	var once sync.Once
	return f, func(v any, err error) { once.Do(func() { f.resolve(v, err) }) }
}

// protect calls fn, turning a panic into an error.
func protect(ctx context.Context, fn func(context.Context) (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, recoveredError(r)
		}
	}()
	return fn(ctx)
}

// protectCall is protect for Call(ctx, fn, nil): a lazy value.
func protectCall(ctx context.Context, fn any) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, recoveredError(r)
		}
	}()
	return Call(ctx, fn, nil)
}

// resolve sets the future's value and runs the functions waiting for it,
// on this goroutine.
func (f *Future) resolve(v any, err error) {
	f.mu.Lock()
	f.val, f.err = v, err
	f.ready.Store(true)
	if f.done != nil {
		close(f.done)
	}
	first, waiters := f.first, f.waiters
	f.first, f.waiters = nil, nil
	f.mu.Unlock()
	if first != nil {
		first.ready()
	}
	for _, w := range waiters {
		w.ready()
	}
}

// onReady runs fn once the value is known: now, if it is; otherwise on
// the goroutine that resolves the future, right after.
func (f *Future) onReady(w waiter) {
	f.mu.Lock()
	switch {
	case f.ready.Load():
		f.mu.Unlock()
		w.ready()
	case f.first == nil && f.waiters == nil:
		f.first = w
		f.mu.Unlock()
	default:
		f.waiters = append(f.waiters, w)
		f.mu.Unlock()
	}
}

// waiter is what runs once a future is ready: a deferred node, or a func
// (funcWaiter).
type waiter interface{ ready() }

// funcWaiter is a func as a waiter.
type funcWaiter func()

func (fn funcWaiter) ready() { fn() }

// Ready reports whether the value is known.
func (f *Future) Ready() bool {
	if f.look != nil {
		f.look()
	}
	return f.ready.Load()
}

// Wait waits for the value, or for ctx to end.
func (f *Future) Wait(ctx context.Context) (any, error) {
	if f.ready.Load() {
		return f.val, f.err
	}
	select {
	case <-f.Done():
		return f.val, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Owned reports whether this render started the future (a lazy value,
// memoised by where it was found) rather than the data holding it.
func (f *Future) Owned() bool { return f.owned }

// String is how a Future prints where nothing waits for it (inside a
// list that a filter prints whole): the same text at every moment, so
// that the output does not depend on when the value came.
func (f *Future) String() string { return "<pending value>" }

// Done is closed when the value is known.
func (f *Future) Done() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done == nil {
		f.done = make(chan struct{})
		if f.ready.Load() {
			close(f.done)
		}
	}
	return f.done
}

// lazyKey identifies a lazy value by where it was found, so that each
// runs once per render however many times and goroutines reach it.
type lazyKey struct {
	where any    // the receiver, or the func value's closure pointer
	name  string // the method's name; "" for a func value
}

// lazies is a render's table of started lazy values.
type lazies struct {
	mu sync.Mutex
	m  map[lazyKey]*Future
}

// LazyShape reports whether fn is a lazy value: a func taking exactly one
// context.Context and returning T or (T, error).
func LazyShape(fn any) bool {
	t := reflect.TypeOf(fn)
	if t == nil || t.Kind() != reflect.Func || t.NumIn() != 1 || t.IsVariadic() || t.In(0) != contextType() {
		return false
	}
	switch t.NumOut() {
	case 1:
		return true
	case 2:
		return t.Out(1) == errorType()
	}
	return false
}

// Lazy returns the future of the lazy value fn found at key, starting it
// on first use in this render (see Run.startLazy): in a sequential render
// it is computed now and the future returned is already resolved.
func (s *State) Lazy(key any, name string, fn any) *Future {
	return s.lazy(key, name, func() any { return fn })
}

// lazy is Lazy with the function made by fn, only when the value is not
// started yet.
func (s *State) lazy(key any, name string, mk func() any) *Future {
	r := s.Run
	k := lazyKey{where: key, name: name}
	r.lazy.mu.Lock()
	if f := r.lazy.m[k]; f != nil {
		r.lazy.mu.Unlock()
		return f
	}
	f := r.newFuture()
	if r.lazy.m == nil {
		hint := 0
		if r.prog != nil {
			hint = int(r.prog.lazies.Load())
		}
		r.lazy.m = make(map[lazyKey]*Future, hint)
	}
	r.lazy.m[k] = f
	r.lazy.mu.Unlock()
	r.stats.lazyStarted.Add(1)
	r.startLazy(f, mk())
	return f
}

// BeforeWait sets what a sequential render does before it computes a lazy
// value in place: flush the output known so far.
func (r *Run) BeforeWait(out *Out) { r.beforeWait = out }

// LazyFunc returns the future of a lazy func value (see LazyShape), found
// by itself: the same closure reached twice runs once per render.
func (s *State) LazyFunc(fn any) *Future {
	return s.Lazy(dataWord(fn), "", fn)
}

// Later returns a future of an expression that is waiting for wait, for
// binding tags ({% with %}, {% set %}, include's with) so that binding
// never waits. eval evaluates the expression again (on a snapshot of the
// state that only eval uses); each time it says it waits for another
// future, it is evaluated again once that one is ready. No goroutine
// waits meanwhile. A sequential render evaluates it now, waiting.
func (s *State) Later(wait *Future, eval func() (any, *Future, error)) *Future {
	r := s.Run
	f := r.newFuture()
	if !r.Concurrent() {
		v, err := s.settleNow(wait, eval)
		if err != nil {
			r.fail(err) // as in a concurrent render: the render fails
		}
		f.resolve(v, err)
		return f
	}
	r.hold()
	prog := s.Prog // for the error of a panic; s itself belongs to the page's walk
	var step func()
	step = func() {
		if r.sealed.Load() {
			return // the render is over: nothing here touches it
		}
		var v any
		var w *Future
		err := guard(prog, Pos{}, "a bound value", func() (err error) { v, w, err = eval(); return err })
		if w != nil {
			r.when(w, funcWaiter(step))
			return
		}
		if err != nil {
			// A sequential render would have failed at the binding: so
			// does this one, even if nothing reads the name.
			r.fail(err)
		}
		f.resolve(v, err)
		r.release()
	}
	r.when(wait, funcWaiter(step))
	return f
}

// settleNow waits for wait, then evaluates eval until it no longer waits.
func (s *State) settleNow(wait *Future, eval func() (any, *Future, error)) (any, error) {
	for {
		if _, err := s.Await(wait); err != nil && s.Ctx.Err() != nil {
			return nil, err
		}
		v, w, err := eval()
		if w == nil {
			return v, err
		}
		wait = w
	}
}

// newFuture makes a future owned by the render.
func (r *Run) newFuture() *Future {
	f := &Future{owned: true}
	if r.sched != nil {
		f.look = r.sched.Step
	}
	return f
}

// Resolved returns a future that is already resolved to v.
func Resolved(v any) *Future {
	f := &Future{val: v}
	f.ready.Store(true)
	return f
}

// Recall returns the future remembered under key in this render, or nil.
// A node that defers evaluates its expressions again when the value is
// ready; a filter whose result is a new future each call must find the
// first one again, or the node would wait for ever.
func (s *State) Recall(key any) *Future {
	r := s.Run
	r.lazy.mu.Lock()
	defer r.lazy.mu.Unlock()
	return r.lazy.m[lazyKey{where: key, name: "\x00memo"}]
}

// Remember stores f under key for Recall, unless a future is there
// already, which it returns instead.
func (s *State) Remember(key any, f *Future) *Future {
	r := s.Run
	k := lazyKey{where: key, name: "\x00memo"}
	r.lazy.mu.Lock()
	defer r.lazy.mu.Unlock()
	if old := r.lazy.m[k]; old != nil {
		return old
	}
	if r.lazy.m == nil {
		r.lazy.m = map[lazyKey]*Future{}
	}
	r.lazy.m[k] = f
	r.remembers.Store(true)
	return f
}

// Remembers reports whether Remember was called in this render.
func (r *Run) Remembers() bool { return r.remembers.Load() }
