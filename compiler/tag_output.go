package compiler

import "github.com/braidtpl/braid/render"

// outputNode is {{ expr }}.
type outputNode struct {
	x   render.Expr
	pos render.Pos
}

func (n *outputNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := consume(s, out, n.pos, n.x, false, n)
	if deferred || err != nil {
		return err
	}
	out.WriteValue(s, v)
	return nil
}

// consume evaluates the expression a node needs the value of ({{ }}, an
// if's condition, a for's sequence). When the value is pending, a node
// that may defer does so (deferred: the node is done here and renders
// again in its placeholder); one whose output depends on render order
// (stateful) waits for the whole expression instead.
func consume(s *render.State, out *render.Out, p render.Pos, x render.Expr, stateful bool, node render.Node) (v any, deferred bool, err error) {
	if v, err = x.Eval(s); err != nil {
		return nil, false, err
	}
	if f := render.Pending(v); f != nil {
		if !stateful {
			return nil, true, s.Defer(out, p, f, node.Render)
		}
		// The pending value may be part of the expression (x in lazy):
		// wait for all of it and evaluate it again.
		v, err = evalNow(s, x)
		return v, false, err
	}
	// A future that became ready since it was returned.
	if v, err = render.Resolve(v); err != nil {
		return nil, false, s.Errorf(p, err, "")
	}
	return v, false, nil
}
