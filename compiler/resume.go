package compiler

import "github.com/braidtpl/braid/render"

// Resuming a deferred {{ }} (render.Resumer). An expression that is a
// variable, a chain of lookups on one, or either with filters whose
// arguments are constants reads the scope only for its variable, at the
// start. So once the value it waited for is ready, it can go on from that
// value on a state without the scope (render.State.DeferResume), instead
// of evaluating again from the start on a snapshot of every frame: the
// value is the same, since every step before the wait gives what it gave
// (lazy values and futures are found again by where they are, and data is
// read-only), and the step that waited gives the future's value.
//
// at says where an evaluation stopped: resumeHead (the variable's own
// value), a link of the chain (0, 1, …), a filter (resumeFilter + its
// index), or cannotResume (somewhere else: the node evaluates again on a
// full snapshot).
const (
	cannotResume = -2
	resumeHead   = -1
	resumeFilter = 1 << 20
)

// evalAt is x.Eval, saying where it waits.
func evalAt(s *render.State, x render.Expr) (v any, wait *render.Future, at int, err error) {
	if e, ok := x.(*filteredExpr); ok {
		return e.evalAt(s)
	}
	return evalChain(s, x)
}

// resume goes on with x from f's value, f being what evaluating x waited
// for at at.
func resume(s *render.State, x render.Expr, f *render.Future, at int) (v any, wait *render.Future, _ int, err error) {
	if e, ok := x.(*filteredExpr); ok {
		return e.resume(s, f, at)
	}
	return resumeChain(s, x, f, at)
}

// evalChain is evalAt for a variable or a chain of lookups; any other
// expression that waits cannot resume.
func evalChain(s *render.State, x render.Expr) (v any, wait *render.Future, at int, err error) {
	switch x := x.(type) {
	case *varExpr:
		v, wait, err = x.Eval(s)
		return v, wait, resumeHead, err
	case *lookupExpr:
		head, ok := x.x.(*varExpr)
		if !ok {
			break
		}
		if v, wait, err = head.Eval(s); wait != nil || err != nil {
			return nil, wait, resumeHead, err
		}
		return x.from(s, 0, v)
	}
	v, wait, err = x.Eval(s)
	return v, wait, cannotResume, err
}

// resumeChain is resume for what evalChain evaluated.
func resumeChain(s *render.State, x render.Expr, f *render.Future, at int) (v any, wait *render.Future, _ int, err error) {
	switch x := x.(type) {
	case *varExpr:
		v, wait, err = settle(s, x.position(), x.name, f)
		return v, wait, resumeHead, err
	case *lookupExpr:
		if at == resumeHead {
			head := x.x.(*varExpr)
			if v, wait, err = settle(s, head.position(), head.name, f); wait != nil || err != nil {
				return nil, wait, resumeHead, err
			}
			return x.from(s, 0, v)
		}
		if v, wait, err = settle(s, x.position(), x.pathAt(at), f); wait != nil || err != nil {
			return nil, wait, at, err
		}
		return x.from(s, at+1, v)
	}
	panic("compiler: resume of an expression that cannot resume")
}

// evalAt is Eval, saying where it waits.
func (e *filteredExpr) evalAt(s *render.State) (v any, wait *render.Future, at int, err error) {
	if e.allowMissing && !s.AllowMissing {
		s.AllowMissing = true
		v, wait, at, err = evalChain(s, e.x)
		s.AllowMissing = false
	} else {
		v, wait, at, err = evalChain(s, e.x)
	}
	if wait != nil || err != nil {
		return nil, wait, e.resumable(at, 0), err
	}
	v, wait, at, err = e.applyFrom(s, v, 0)
	if wait != nil {
		at = e.resumable(at, at-resumeFilter+1)
	}
	return v, wait, at, err
}

// resumable is at if the filters from the k-th on read nothing of the
// scope (their arguments are constants), else cannotResume.
func (e *filteredExpr) resumable(at, k int) int {
	if at == cannotResume {
		return at
	}
	for _, f := range e.filters[k:] {
		switch a := f.arg.(type) {
		case nil, transExpr:
		case constExpr:
			if _, pending := a.v.(*render.Future); pending {
				return cannotResume
			}
		default:
			return cannotResume
		}
	}
	return at
}

// resume is resume for what evalAt evaluated.
func (e *filteredExpr) resume(s *render.State, f *render.Future, at int) (v any, wait *render.Future, _ int, err error) {
	if at >= resumeFilter {
		k := at - resumeFilter
		fl := &e.filters[k]
		if v, wait, err = settle(s, fl.pos.at(), fl.name, f); wait != nil || err != nil {
			return nil, wait, at, err
		}
		return e.applyFrom(s, v, k+1)
	}
	if e.allowMissing && !s.AllowMissing {
		s.AllowMissing = true
		v, wait, at, err = resumeChain(s, e.x, f, at)
		s.AllowMissing = false
	} else {
		v, wait, at, err = resumeChain(s, e.x, f, at)
	}
	if wait != nil || err != nil {
		return nil, wait, at, err
	}
	return e.applyFrom(s, v, 0)
}
