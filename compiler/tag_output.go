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
	v, deferred, err := consume(s, out, render.At(int(n.at)), n.what(s), n.x, false, n)
	if deferred || err != nil {
		return err
	}
	out.WriteValue(s, v)
	return nil
}

// appendNode is {{ head|last }} where last appends its result: a string
// from head is filtered straight into the output, with no string made
// for the result.
type appendNode struct {
	outputNode
	head render.Expr
	last *compiledFilter
}

// Render: a string or safe string from head goes through last's Append
// into the output; anything else through last as usual.
func (n *appendNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := consume(s, out, render.At(int(n.at)), n.what(s), n.head, false, n)
	if deferred || err != nil {
		return err
	}
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
