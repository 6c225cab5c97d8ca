package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// cycleNode is {% cycle a b c [as name [silent]] %}; a reference to a
// named cycle ({% cycle name %}) is a cycleNode whose ref is set.
type cycleNode struct {
	vals   []render.Expr
	as     string
	silent bool
	ref    *cycleNode // the named cycle this one advances
}

func (c *compiler) cycleTag(n *parser.CycleNode) render.Node {
	c.markStateful(n.Pos)
	if len(n.Values) == 1 && n.As == "" {
		if v, ok := n.Values[0].(*parser.Variable); ok {
			if named := c.cycles[v.Name]; named != nil {
				return &cycleNode{ref: named}
			}
		}
	}
	cn := &cycleNode{as: n.As, silent: n.Silent}
	for _, v := range n.Values {
		cn.vals = append(cn.vals, c.expr(v))
	}
	if n.As != "" {
		if c.cycles == nil {
			c.cycles = map[string]*cycleNode{}
		}
		c.cycles[n.As] = cn
	}
	c.lastCycle = cn
	return cn
}

func (n *cycleNode) Render(s *render.State, out *render.Out) error {
	// A reference to a named cycle is, in Django, the named node itself:
	// it advances the same cycle and is silent if that one is.
	target := n
	if n.ref != nil {
		target = n.ref
	}
	i := s.Run.CycleIndex(target, len(target.vals))
	v, err := evalNow(s, target.vals[i])
	if err != nil {
		return err
	}
	if target.as != "" {
		s.Scope.Set(target.as, v)
	}
	if !target.silent {
		out.WriteValue(s, v)
	}
	return nil
}

// resetcycleNode is {% resetcycle [name] %}.
type resetcycleNode struct{ target *cycleNode }

func (c *compiler) resetcycleTag(n *parser.ResetcycleNode) render.Node {
	if n.Name != "" {
		if cn := c.cycles[n.Name]; cn != nil {
			return &resetcycleNode{target: cn}
		}
		c.errorf(n.Pos, "{%% resetcycle %s %%}: no cycle named %q before it", n.Name, n.Name)
		return nil
	}
	if c.lastCycle == nil {
		c.errorf(n.Pos, "{%% resetcycle %%}: no {%% cycle %%} before it")
		return nil
	}
	return &resetcycleNode{target: c.lastCycle}
}

func (n *resetcycleNode) Render(s *render.State, _ *render.Out) error {
	s.Run.ResetCycle(n.target)
	return nil
}

// ifchangedNode is {% ifchanged [values] %}…{% else %}…{% endifchanged %}.
type ifchangedNode struct {
	vals []render.Expr // none: compare the rendered body
	body render.Nodes
	els  render.Nodes
}

func (c *compiler) ifchangedTag(n *parser.IfChangedNode) render.Node {
	c.markStateful(n.Pos)
	ic := &ifchangedNode{body: c.nodes(n.Body)}
	for _, v := range n.Values {
		ic.vals = append(ic.vals, c.expr(v))
	}
	if n.Else != nil {
		ic.els = c.nodes(n.Else.Body)
	}
	return ic
}

func (n *ifchangedNode) Render(s *render.State, out *render.Out) error {
	if len(n.vals) == 0 {
		buf := render.NewCapture()
		if err := n.body.Render(s, buf); err != nil {
			return err
		}
		if s.Changed(n, []any{buf.String()}) {
			out.WriteString(buf.String())
			return nil
		}
		return n.els.Render(s, out)
	}
	vals := make([]any, len(n.vals))
	for i, x := range n.vals {
		v, err := evalNow(s, x)
		if err != nil {
			return err
		}
		vals[i] = defined(v)
	}
	if s.Changed(n, vals) {
		return n.body.Render(s, out)
	}
	return n.els.Render(s, out)
}
