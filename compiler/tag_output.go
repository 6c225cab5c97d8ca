package compiler

import "github.com/braidtpl/braid/render"

// outputNode is {{ expr }}. It keeps the offsets where the tag starts and
// ends (see varExpr), and takes its text for messages from the source.
type outputNode struct {
	x       render.Expr
	at, end int32
}

// appending returns n as an appendNode when x's last filter has no
// argument and appends its result (render.Filter.Append); nil otherwise.
func (n *outputNode) appending() render.Node {
	fe, ok := n.x.(*filteredExpr)
	if !ok || len(fe.filters) == 0 {
		return nil
	}
	last := &fe.filters[len(fe.filters)-1]
	if last.arg != nil || last.impl.Append == nil {
		return nil
	}
	head := *fe
	head.filters = fe.filters[:len(fe.filters)-1]
	return &appendNode{outputNode: *n, head: &head, last: last}
}

func (n *outputNode) Render(s *render.State, out *render.Out) error {
	return output(s, out, n, n.x, n.at)
}

// Resume implements render.Resumer.
func (n *outputNode) Resume(s *render.State, out *render.Out, f *render.Future, at int) error {
	return resumeOutput(s, out, n, n.x, f, at, n.at)
}

func (n *outputNode) write(s *render.State, out *render.Out, v any) error {
	out.WriteValue(s, v)
	return nil
}

// writer is a {{ }} node: it writes the value of its expression.
type writer interface {
	render.Resumer
	write(s *render.State, out *render.Out, v any) error
	what(s *render.State) string
}

// output renders n, which writes x's value, at the offset at: now, or,
// when x waits, in a placeholder once its value is ready, resuming from
// that value where x can (see resume.go).
func output(s *render.State, out *render.Out, n writer, x render.Expr, at int32) error {
	v, wait, from, err := evalAt(s, x)
	switch {
	case err != nil:
		return err
	case wait == nil:
		return n.write(s, out, v)
	case from == cannotResume:
		return s.DeferNode(out, render.At(int(at)), n.what(s), wait, n)
	}
	return s.DeferResume(out, render.At(int(at)), n.what(s), wait, n, from)
}

// resumeOutput is n's Resume: it goes on with x from f's value, on a
// state whose scope is the data's alone.
func resumeOutput(s *render.State, out *render.Out, n writer, x render.Expr, f *render.Future, from int, at int32) error {
	for {
		v, wait, next, err := resume(s, x, f, from)
		switch {
		case err != nil:
			return err
		case wait == nil:
			return n.write(s, out, v)
		case next == cannotResume:
			return s.Errorf(render.At(int(at)), nil, "internal error: %s cannot resume", n.what(s))
		case s.Run.Concurrent() && out.CanSplit():
			return s.DeferResume(out, render.At(int(at)), n.what(s), wait, n, next)
		}
		if _, err := s.Await(wait); err != nil && s.Ctx.Err() != nil {
			return s.Errorf(render.At(int(at)), err, "%s: waiting for its value", n.what(s))
		}
		f, from = wait, next
	}
}

// appendNode is {{ head|last }} where last appends its result: a string
// from head is filtered straight into the output, with no string made
// for the result.
type appendNode struct {
	outputNode
	head render.Expr
	last *compiledFilter
}

func (n *appendNode) Render(s *render.State, out *render.Out) error {
	return output(s, out, n, n.head, n.at)
}

// Resume implements render.Resumer.
func (n *appendNode) Resume(s *render.State, out *render.Out, f *render.Future, at int) error {
	return resumeOutput(s, out, n, n.head, f, at, n.at)
}

// write: a string or safe string from head goes through last's Append
// into the output; anything else through last as usual.
func (n *appendNode) write(s *render.State, out *render.Out, v any) (err error) {
	f := n.last.impl
	switch x := v.(type) {
	case string:
		out.WriteAppended(s, f.Append, x, false)
		return nil
	case render.SafeString:
		out.WriteAppended(s, f.Append, string(x), f.IsSafe)
		return nil
	case render.Undefined:
		if s.Run.Env.StringIfInvalid != "" {
			out.WriteValue(s, v) // Django skips the filters then
			return nil
		}
	}
	if v, err = f.Apply(s, v, render.NoArg{}); err != nil {
		return s.Errorf(n.last.pos.at(), err, "filter %s", n.last.name)
	}
	if v, _, err = s.Settle(v); err != nil {
		return s.Errorf(n.last.pos.at(), err, "filter %s", n.last.name)
	}
	out.WriteValue(s, v)
	return nil
}

// consume evaluates the expression a node needs the value of ({{ }}, an
// if's condition, a for's sequence). When the expression waits for a
// pending value, a node that may defer does so (deferred: the node is
// done here and renders again, from the start, in its placeholder); one
// whose output depends on render order (stateful) waits for the whole
// expression instead. Either way the value used is always the value of
// the whole expression, evaluated after what it waited for was ready.
func consume(s *render.State, out *render.Out, p render.Pos, what string, x render.Expr, stateful bool, node render.Node) (v any, deferred bool, err error) {
	v, wait, err := x.Eval(s)
	switch {
	case err != nil:
		return nil, false, err
	case wait == nil:
		return v, false, nil
	case !stateful:
		return nil, true, s.DeferNode(out, p, what, wait, node)
	}
	v, err = evalNow(s, x)
	return v, false, err
}

// what is the tag as written, for the message of a node still waiting
// when the render ends.
func (n *outputNode) what(s *render.State) string {
	if src := s.Prog.Source; 0 <= n.at && n.at < n.end && int(n.end) <= len(src) {
		return src[n.at:n.end]
	}
	return "{{ }}"
}
