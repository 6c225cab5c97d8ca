package render

import (
	"time"
)

// Settle looks at v once. A value that is not a Future is itself; a
// ready Future gives its value or its error (again and again, for a
// Future resolved to another Future); a Future that is not ready is
// returned as wait, with no value, for the caller to say that the
// expression it evaluates waits on it. This is the only place a node
// looks at readiness, so what it decides holds for the whole evaluation,
// however the Future changes a moment later.
func (s *State) Settle(v any) (val any, wait *Future, err error) {
	for {
		f, ok := v.(*Future)
		if !ok {
			return v, nil, nil
		}
		if f.look == nil {
			s.Step() // Ready is a step of its own for the schedule's futures
		}
		if !f.Ready() {
			return nil, f, nil
		}
		if f.err != nil {
			return nil, nil, f.err
		}
		v = f.val
	}
}

// Await waits for v when it is a Future and returns its value; other
// values are returned as they are. Nodes that must keep render order
// (cycle, ifchanged, set, captures) consume values this way. A lazy value
// still queued for a slot is computed here, at once. The error is ctx's
// when the render's context ends first.
func (s *State) Await(v any) (any, error) {
	f, ok := v.(*Future)
	if !ok {
		return v, nil
	}
	if f.Ready() {
		return f.val, f.err
	}
	r := s.Run
	start := time.Now()
	defer func() { r.stats.waited.Add(int64(time.Since(start))) }()
	r.payFlushes() // the reader gets what is known while this waits
	if call := r.take(f); call != nil {
		f.resolve(protectCall(r.ctx, call))
		return f.val, f.err
	}
	if r.sched != nil {
		if !r.sched.Wait(f.Ready) {
			r.fail(errStuck)
			return nil, errStuck
		}
		return f.val, f.err
	}
	return f.Wait(s.Ctx)
}

// Defer renders a node that cannot go on until f is ready. In a
// concurrent render, outside a capture, it reserves the node's place in
// out, snapshots the state and renders the node there once f is ready,
// while the caller goes on at once (no goroutine waits meanwhile);
// otherwise it waits for f and renders the node now. render evaluates the
// node's expressions again from the start. what names the node in the
// error of a render whose context ends while it waits ("{{ user.Name }}").
// Nodes whose output depends on render order must not call Defer: they
// wait (Await) instead.
func (s *State) Defer(out *Out, pos Pos, what string, f *Future, render func(*State, *Out) error) error {
	if !s.Run.Concurrent() || !out.CanSplit() {
		if !f.Ready() {
			out.FlushWaiting() // the reader gets what is known before the wait
		}
		if _, err := s.Await(f); err != nil && s.Ctx.Err() != nil {
			return s.Errorf(pos, err, "%s: waiting for its value", what)
		}
		return render(s, out)
	}
	return s.fork(out, pos, what, f, renderFunc(render))
}

// Fork renders a node in its place in out on another goroutine, while the
// caller goes on at once: for a {% for %} over a channel, whose items
// arrive over time. Where the render may not split out (a sequential
// render, a capture), it renders the node now.
func (s *State) Fork(out *Out, pos Pos, what string, render func(*State, *Out) error) error {
	if !s.Run.Concurrent() || !out.CanSplit() {
		return render(s, out)
	}
	return s.fork(out, pos, what, nil, renderFunc(render))
}

// DeferNode is Defer for a node that renders itself again: render is
// node.Render (without making that method value).
func (s *State) DeferNode(out *Out, pos Pos, what string, f *Future, node Node) error {
	if !s.Run.Concurrent() || !out.CanSplit() {
		return s.Defer(out, pos, what, f, node.Render)
	}
	return s.fork(out, pos, what, f, node)
}

// fork is Defer and Fork in a concurrent render: node renders on a
// snapshot of s, into a placeholder, once f is ready (f nil: as new
// render work, now).
func (s *State) fork(out *Out, pos Pos, what string, f *Future, node Node) error {
	d := &fullDeferral{}
	d.f, d.node = f, node
	return s.forkInto(&d.deferral, s.snapshotInto(&d.snapAlloc), out, pos, what, nil)
}

// forkInto defers d with its snapshot snap; room, if big enough, is
// where its placeholder's bytes go.
func (s *State) forkInto(d *deferral, snap *State, out *Out, pos Pos, what string, room []byte) error {
	r := s.Run
	out.regionInto(&d.phAlloc, r, waitNote{state: snap, pos: pos, what: what}, false, nil, room)
	r.stats.deferred.Add(1)
	d.start = r.since()
	r.hold()
	if d.f == nil {
		r.run(d)
	} else {
		r.when(d.f, d)
	}
	return nil
}

// Resumer is a node that, once the value it waited for is ready, goes on
// from that value instead of evaluating its expressions again: what it
// needs besides is the state's settings, not its scope (see
// State.DeferResume).
type Resumer interface {
	Node
	// Resume renders the node, f being ready; at is what the node said
	// when it deferred (where in its expression it stopped).
	Resume(s *State, out *Out, f *Future, at int) error
}

// DeferResume is DeferNode for a node that can resume from f's value
// without the scope: its snapshot is the state's settings alone, with the
// user's data as its only frame and no loop, a fraction of a full one.
// Where the render may not split out, it is DeferNode: the node waits and
// renders again from the start.
func (s *State) DeferResume(out *Out, pos Pos, what string, f *Future, node Resumer, at int) error {
	if !s.Run.Concurrent() || !out.CanSplit() {
		return s.DeferNode(out, pos, what, f, node)
	}
	d := &resumeDeferral{}
	d.f, d.node, d.resume, d.at = f, node, true, int32(at)
	d.state = *s
	d.state.Scope, d.state.Loop = s.Scope.bottom(), nil
	return s.forkInto(&d.deferral, &d.state, out, pos, what, d.room[:])
}

// deferral is a deferred node: its placeholder and what to render there.
// Its snapshot is in the same allocation (fullDeferral, resumeDeferral),
// the note's state.
type deferral struct {
	phAlloc placeholderAlloc // its out is the placeholder, its note says where and what (and has the snapshot)
	f       *Future          // nil: Fork
	node    Node
	start   time.Duration // when it deferred (Run.since)
	at      int32         // for Resume
	resume  bool          // node is a Resumer: it resumes from f's value
}

// fullDeferral is a deferral with a snapshot of the whole state.
type fullDeferral struct {
	deferral
	snapAlloc snapshotAlloc
}

// resumeDeferral is a deferral of a Resumer, with the state's settings
// and room for the short output of most values ({{ user.Name }}): 512
// bytes, the largest size class whose objects the allocator and the
// collector handle without a header (TestDeferralSizes).
type resumeDeferral struct {
	deferral
	state State
	room  [40]byte
}

// ready renders the node into its placeholder, its value being ready.
func (d *deferral) ready() {
	ph, note := &d.phAlloc.out, &d.phAlloc.note
	snap := note.state
	r := snap.Run
	defer r.release()
	if r.sealed.Load() {
		return // the render returned: nothing may touch it now
	}
	if waited := r.since() - d.start; waited > 0 && d.f != nil {
		name := ""
		if snap.Prog != nil {
			name = snap.Prog.Name
		}
		r.stats.noteWait(Wait{Template: name, Waited: waited}, snap.Prog, note.pos)
	}
	if snap.Ctx.Err() != nil {
		return // Wait reports the end of the context
	}
	if err := guard(snap.Prog, note.pos, note.what, func() error {
		if d.resume {
			return d.node.(Resumer).Resume(snap, ph, d.f, int(d.at))
		}
		return d.node.Render(snap, ph)
	}); err != nil {
		r.fail(err)
		return
	}
	if err := ph.Err(); err != nil {
		// The node wrote past a limit (MaxOutput): the error is its.
		if _, ok := err.(*LimitError); ok {
			r.fail(snap.Errorf(note.pos, err, ""))
			return
		}
	}
	ph.Close()
}

// renderFunc is a func as a Node.
type renderFunc func(*State, *Out) error

func (fn renderFunc) Render(s *State, out *Out) error { return fn(s, out) }

// guard runs a deferred node's render, off the page's own walk (whose
// panics Render recovers): a panic in a custom node or a filter becomes
// the node's positioned error instead of ending the process.
func guard(prog *Program, pos Pos, what string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = (&State{Prog: prog}).Errorf(pos, recoveredError(p), "%s: panic while rendering", what)
		}
	}()
	return fn()
}

// waitNote says which node a placeholder is for, for the error of a
// render whose context ends while it waits.
type waitNote struct {
	state *State
	pos   Pos
	what  string
}

// Snapshot copies the state for a node that renders later on another
// goroutine: the frames and loops that the caller goes on changing are
// copied; the user's data and finished frames are shared, read-only.
func (s *State) Snapshot() *State { return s.snapshotInto(&snapshotAlloc{}) }

// snapshotInto is Snapshot into a: one allocation (the caller's) for the
// state, its innermost loop and its top frame (the usual snapshot: a node
// in a loop's body).
func (s *State) snapshotInto(a *snapshotAlloc) *State {
	a.state = *s
	c := &a.state
	c.Scope = s.Scope.copyFramesInto(&a.frames)
	if s.Loop != nil {
		a.loop = *s.Loop
		if s.Loop.Parent != nil {
			a.loop.Parent = s.Loop.Parent.copyChain()
		}
		c.Loop = &a.loop
	}
	// The copied frames still hold the caller's forloop values: point
	// them at the copies.
	for l, o := c.Loop, s.Loop; l != nil; l, o = l.Parent, o.Parent {
		c.Scope.replace(o, l)
	}
	return c
}

// snapshotAlloc is what Snapshot makes, in one allocation.
type snapshotAlloc struct {
	state  State
	loop   Loop
	frames frameRoom // the top frames: a loop's, and the template's own
}

// copyFramesInto copies every frame above the user's data (the bottom
// frame, which nothing writes), the top ones into the room (as much as
// it has, nil: none) when they are small enough.
func (sc *Scope) copyFramesInto(room *frameRoom) *Scope {
	if sc == nil || sc.parent == nil {
		return sc
	}
	n := len(sc.names)
	if n == 0 && room != nil && room.empty.parent == nil {
		// An empty frame (the template's own bindings, before any):
		// the frame alone. (A copied frame's parent is never nil.)
		room.empty = Scope{parent: sc.parent, data: sc.data} // taken: parent not nil
		room.empty.parent = sc.parent.copyFramesInto(room)
		return &room.empty
	}
	if n <= len(frameCopy{}.names) {
		// A loop's or a with's frame: one allocation (or none, in the
		// room) for the frame and its names and values.
		var fc *frameCopy
		if room != nil && room.frame.parent == nil {
			room.frame.parent, fc = sc.parent, &room.frame // taken: parent not nil
		} else {
			fc = &frameCopy{}
		}
		copy(fc.names[:], sc.names)
		copy(fc.vals[:], sc.vals)
		fc.Scope = Scope{parent: sc.parent.copyFramesInto(room), data: sc.data, names: fc.names[:n:n], vals: fc.vals[:n:n]}
		return &fc.Scope
	}
	c := &Scope{parent: sc.parent.copyFramesInto(room), data: sc.data}
	c.names = append([]string(nil), sc.names...)
	c.vals = append([]any(nil), sc.vals...)
	return c
}

// frameRoom is where a snapshot copies its frames without allocating:
// one small frame (a loop's) and one empty frame (the template's own).
type frameRoom struct {
	frame frameCopy
	empty Scope
}

// frameCopy is a copied frame of at most two names, with their storage.
type frameCopy struct {
	Scope
	names [2]string
	vals  [2]any
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

// OutOfOrder reports whether the render streams out of order (Streaming).
func (s *State) OutOfOrder() bool { return s.Run.streaming != nil }

// Region renders body as one region of the page for {% region %}: out of
// order, the region is sent only once all of it is ready, with fallback
// (markup) shown in its place meanwhile; in order, or where out may not
// split (a capture), body renders in place and fallback is not used.
// body runs now, on this goroutine; the nodes in it that wait defer as
// anywhere else, inside the region.
func (s *State) Region(out *Out, pos Pos, fallback []byte, body func(*State, *Out) error) error {
	if s.Run.streaming == nil || !out.CanSplit() {
		return body(s, out)
	}
	ph := out.region(s.Run, &waitNote{state: s.Snapshot(), pos: pos, what: "{% region %}"}, true, fallback)
	if err := body(s, ph); err != nil {
		return err // not closed: nothing after the failure is written
	}
	return ph.Close()
}
