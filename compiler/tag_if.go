package compiler

import (
	"errors"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// ifNode is {% if %}…{% elif %}…{% else %}…{% endif %}; ifequal and
// ifnotequal compile to it too.
type ifNode struct {
	conds    []render.Expr // one per branch; nil for else
	bodies   []render.Nodes
	stateful bool // a body holds order-dependent nodes: wait, never defer
	pos      render.Pos
}

func (c *compiler) ifTag(n *parser.IfNode) render.Node {
	before := c.stateful
	in := c.ifs.next()
	*in = ifNode{conds: c.condRuns.run(len(n.Clauses) + 1), bodies: c.bodyRuns.run(len(n.Clauses) + 1), pos: pos(n.Pos)}
	in.conds = append(in.conds, lenient(c.expr(n.Cond), true))
	in.bodies = append(in.bodies, c.nodes(n.Body))
	for _, cl := range n.Clauses {
		var cond render.Expr
		if cl.Name == "elif" {
			cond = lenient(c.expr(cl.Cond), true)
		}
		in.conds = append(in.conds, cond)
		in.bodies = append(in.bodies, c.nodes(cl.Body))
	}
	in.stateful = c.inPlace(n.Pos, "if", before)
	return in
}

func (c *compiler) ifequalTag(n *parser.IfEqualNode) render.Node {
	op := "=="
	if n.Not {
		op = "!="
	}
	before := c.stateful
	in := &ifNode{
		conds:  []render.Expr{&binaryExpr{op: op, x: lenient(c.expr(n.A), false), y: lenient(c.expr(n.B), false), pos: pos(n.Pos)}},
		bodies: []render.Nodes{c.nodes(n.Body)},
		pos:    pos(n.Pos),
	}
	if n.Else != nil {
		in.conds = append(in.conds, nil)
		in.bodies = append(in.bodies, c.nodes(n.Else.Body))
	}
	in.stateful = c.inPlace(n.Pos, tagName(n), before)
	return in
}

func (n *ifNode) Render(s *render.State, out *render.Out) error {
	for i, cond := range n.conds {
		if cond != nil {
			v, deferred, err := consume(s, out, n.pos, "{% if %}", cond, n.stateful, n)
			if errors.Is(err, errMissingArg) {
				continue // Django: VariableDoesNotExist makes the condition false
			}
			if deferred || err != nil {
				return err
			}
			if !truthy(v) {
				continue
			}
		}
		return n.bodies[i].Render(s, out)
	}
	return nil
}
