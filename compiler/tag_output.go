package compiler

import "github.com/braidtpl/braid/render"

// outputNode is {{ expr }}.
type outputNode struct {
	x   render.Expr
	pos render.Pos
}

func (n *outputNode) Render(s *render.State, out *render.Out) error {
	v, err := n.x.Eval(s)
	if err != nil {
		return err
	}
	if f := render.Pending(v); f != nil {
		return s.Defer(out, n.pos, f, n.Render)
	}
	// A future that became ready since it was returned.
	if v, err = render.Resolve(v); err != nil {
		return s.Errorf(n.pos, err, "")
	}
	out.WriteValue(s, v)
	return nil
}
