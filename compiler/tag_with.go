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
	w := &withNode{}
	for _, a := range n.Args {
		w.names = append(w.names, a.Name)
		w.vals = append(w.vals, c.expr(a.Value))
	}
	undo := c.bind(w.names...)
	w.body = c.nodes(n.Body)
	undo()
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
