package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// withNode is {% with a=x b=y %}…{% endwith %}, also in the legacy form
// {% with x as a %}.
type withNode struct {
	names []string
	vals  []render.Expr
	body  render.Nodes
}

func (c *compiler) withTag(n *parser.WithNode) render.Node {
	w := &withNode{names: make([]string, len(n.Args)), vals: make([]render.Expr, len(n.Args))}
	for i, a := range n.Args {
		w.names[i], w.vals[i] = a.Name, c.expr(a.Value)
	}
	c.bindNames(1, w.names...)
	w.body = c.nodes(n.Body)
	c.bindNames(-1, w.names...)
	return w
}

func (n *withNode) Render(s *render.State, out *render.Out) error {
	frame := s.Scope.Push(len(n.names))
	for i, x := range n.vals {
		v, err := evalBinding(s, x)
		if err != nil {
			return err
		}
		frame.Set(n.names[i], v)
	}
	saved := s.Scope
	s.Scope = frame
	err := n.body.Render(s, out)
	s.Scope = saved
	return err
}

// setNode is pongo2's {% set name = value %}: it binds name in the current
// frame, for the rest of the enclosing block.
type setNode struct {
	name string
	x    render.Expr
}

func (n *setNode) Render(s *render.State, _ *render.Out) error {
	v, err := evalBinding(s, n.x)
	if err != nil {
		return err
	}
	s.Scope.Set(n.name, v)
	return nil
}
