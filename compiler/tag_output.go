package compiler

import "github.com/braidtpl/braid/render"

// outputNode is {{ expr }}. It keeps the offsets where the tag starts and
// ends (see varExpr), and takes its text for messages from the source.
type outputNode struct {
	x       render.Expr
	at, end int32
}

func (n *outputNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := consume(s, out, render.At(int(n.at)), n.what(s), n.x, false, n)
	if deferred || err != nil {
		return err
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
