package render

import (
	"time"
)

// Pending returns the first unresolved future in v, or nil: v itself when
// it is a Future that is not ready.
func Pending(v any) *Future {
	if f, ok := v.(*Future); ok && !f.Ready() {
		return f
	}
	return nil
}

// Resolve returns the value of v: a ready Future gives its value or error,
// any other value is itself. A Future that is not ready is returned as
// is, for the caller to defer on (see Pending).
func Resolve(v any) (any, error) {
	if f, ok := v.(*Future); ok && f.Ready() {
		return f.val, f.err
	}
	return v, nil
}

// Await waits for v when it is a Future and returns its value; other
// values are returned as they are. Nodes that must keep render order
// (cycle, ifchanged, set, captures) consume values this way.
func (s *State) Await(v any) (any, error) {
	f, ok := v.(*Future)
	if !ok {
		return v, nil
	}
	if !f.Ready() {
		start := time.Now()
		defer func() { s.Run.stats.waited.Add(int64(time.Since(start))) }()
	}
	return f.Wait(s.Ctx)
}

// Defer renders a node whose value f is not ready yet. When the node may
// defer (a concurrent render, not inside a capture, and the node has no
// order-dependent content: the caller checks that), it reserves the
// node's place in out, snapshots the state and renders the node there on
// another goroutine once f is ready, while the caller goes on at once;
// without a free goroutine, or when it may not defer, it waits for f and
// renders the node now. render re-evaluates the node's expressions, which
// now find f ready.
func (s *State) Defer(out *Out, pos Pos, f *Future, render func(*State, *Out) error) error {
	if !s.Run.Concurrent() || !out.CanSplit() || s.NoDefer {
		if !f.Ready() {
			out.FlushWaiting() // the reader gets what is known before the wait
		}
		if _, err := s.Await(f); err != nil && s.Ctx.Err() != nil {
			return err
		}
		return render(s, out)
	}
	snap := s.Snapshot()
	ph := out.Placeholder()
	r := s.Run
	r.stats.deferred.Add(1)
	start := time.Now()
	work := func() {
		defer r.pending.Done()
		if waited := time.Since(start); waited > 0 {
			name := ""
			if snap.Prog != nil {
				name = snap.Prog.Name
			}
			r.stats.noteWait(Wait{Template: name, Line: pos.Line, Col: pos.Col, Waited: waited})
		}
		if err := snap.Ctx.Err(); err != nil {
			r.fail(err)
			return
		}
		if err := render(snap, ph); err != nil {
			r.fail(err)
			return
		}
		ph.Close()
	}
	r.pending.Add(1)
	if f.owned {
		// The goroutine that computes f renders the node right after: a
		// waiting node holds no goroutine.
		f.onReady(work)
		return nil
	}
	// A future made elsewhere (braid.Go): a goroutine waits for it.
	wait := func() {
		f.Wait(snap.Ctx)
		work()
	}
	if !r.tryGo(wait) {
		wait()
	}
	return nil
}

// Snapshot copies the state for a node that renders later on another
// goroutine: the frames and loops that the caller goes on changing are
// copied; the user's data and finished frames are shared, read-only.
func (s *State) Snapshot() *State {
	c := *s
	c.Scope = s.Scope.copyFrames()
	if s.Loop != nil {
		c.Loop = s.Loop.copyChain()
	}
	// The copied frames still hold the caller's forloop values: point
	// them at the copies.
	for l, o := c.Loop, s.Loop; l != nil; l, o = l.Parent, o.Parent {
		c.Scope.replace(o, l)
	}
	return &c
}

// copyFrames copies every frame above the user's data (the bottom frame,
// which nothing writes).
func (sc *Scope) copyFrames() *Scope {
	if sc == nil || sc.parent == nil {
		return sc
	}
	c := &Scope{parent: sc.parent.copyFrames(), data: sc.data}
	c.names = append([]string(nil), sc.names...)
	c.vals = append([]any(nil), sc.vals...)
	return c
}

// replace swaps value old for new in every frame above the user's data.
func (sc *Scope) replace(old, new any) {
	for f := sc; f != nil && f.data == nil; f = f.parent {
		for i, v := range f.vals {
			if v == old {
				f.vals[i] = new
			}
		}
	}
}

// copyChain copies a loop and the loops around it.
func (l *Loop) copyChain() *Loop {
	c := *l
	if l.Parent != nil {
		c.Parent = l.Parent.copyChain()
	}
	return &c
}
