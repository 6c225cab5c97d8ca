package compiler

import "github.com/braidtpl/braid/render"

// outputNode is {{ expr }}.
type outputNode struct {
	x    render.Expr
	pos  render.Pos
	what string // the tag as written, for messages
}

func (n *outputNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := consume(s, out, n.pos, n.what, n.x, false, n)
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
		return nil, true, s.Defer(out, p, what, wait, node.Render)
	}
	v, err = evalNow(s, x)
	return v, false, err
}
