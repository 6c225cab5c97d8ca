package compiler

import (
	"slices"

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
	c.markStateful(n.Pos, "cycle", "advances on every use: each value depends on the uses before it")
	if len(n.Values) == 1 && n.As == "" {
		// Django: {% cycle x %} names a cycle defined before it, never a
		// cycle of one value.
		name := n.Values[0].String()
		if v, ok := n.Values[0].(*parser.Variable); ok {
			if named := c.cycles[v.Name]; named != nil {
				return &cycleNode{ref: named}
			}
		}
		if len(c.cycles) == 0 {
			c.errorf(n.Pos, "{%% cycle %s %%}: no named cycles in the template: '%s' is not defined", name, name)
		} else {
			c.errorf(n.Pos, "{%% cycle %s %%}: named cycle '%s' does not exist", name, name)
		}
		return nil
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
	i := cycleIndex(s, target, len(target.vals))
	v, err := evalNow(s, target.vals[i])
	if err != nil {
		return err
	}
	if target.as != "" {
		s.Scope.SetUpward(target.as, v) // Django's context.set_upward
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
		c.errorCode(CodeResetcycleUnknown, n.Pos, "{%% resetcycle %s %%}: no cycle named %q before it", n.Name, n.Name)
		return nil
	}
	if c.lastCycle == nil {
		c.errorCode(CodeResetcycleUnknown, n.Pos, "{%% resetcycle %%}: no {%% cycle %%} before it")
		return nil
	}
	return &resetcycleNode{target: c.lastCycle}
}

func (n *resetcycleNode) Render(s *render.State, _ *render.Out) error {
	if m := markOf(s); m != nil {
		delete(m.cycles, n.target)
		return nil
	}
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
	c.markStateful(n.Pos, "ifchanged", "compares with what it saw the time before")
	ic := &ifchangedNode{body: c.nodes(n.Body)}
	for _, v := range n.Values {
		ic.vals = append(ic.vals, lenient(c.expr(v), false))
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
		if changed(s, n, []any{buf.String()}) {
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
	if changed(s, n, vals) {
		return n.body.Render(s, out)
	}
	return n.els.Render(s, out)
}

// cycleIndex returns the next position of the cycle node over n values:
// in Django's render context, which an included template has of its own.
func cycleIndex(s *render.State, node *cycleNode, n int) int {
	m := markOf(s)
	if m == nil {
		return s.Run.CycleIndex(node, n)
	}
	if m.cycles == nil {
		m.cycles = map[any]int{}
	}
	i := m.cycles[node]
	m.cycles[node] = (i + 1) % n
	return i
}

// changed reports whether vals differ from what the ifchanged node saw
// last, and remembers them: Django keeps that memory on the innermost
// forloop, or outside loops in the render context, which an included
// template has of its own.
func changed(s *render.State, node *ifchangedNode, vals []any) bool {
	m := markOf(s)
	if s.Loop != nil || m == nil {
		return s.Changed(node, vals)
	}
	if old, seen := m.changed[node]; seen && slices.EqualFunc(old, vals, render.Equal) {
		return false
	}
	if m.changed == nil {
		m.changed = map[any][]any{}
	}
	m.changed[node] = vals
	return true
}
