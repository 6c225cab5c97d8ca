package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// regroupItem is the name an item is bound to while its key is computed.
// It cannot clash with a template's names: those never contain a NUL.
const regroupItem = "\x00regroup"

// regroupNode is {% regroup list by key as name %}: name is bound to the
// groups of consecutive items with equal keys, each a (grouper, list)
// pair, as Django's itertools.groupby does.
type regroupNode struct {
	seq render.Expr
	key render.Expr // evaluated with the item bound to regroupItem
	as  string
	pos render.Pos
}

func (c *compiler) regroupTag(n *parser.RegroupNode) render.Node {
	c.markStateful(n.Pos, "regroup", whyBinds)
	// Django compiles "by x.y|f" as the expression "<as>.x.y|f" on each
	// item: rewrite the key's leading variable into a lookup on the item.
	return &regroupNode{seq: lenient(c.expr(n.Seq), false), key: c.expr(onItem(n.By)), as: n.As, pos: pos(n.Pos)}
}

// onItem rewrites the innermost variable of e into a lookup on the item.
func onItem(e parser.Expr) parser.Expr {
	item := func(v *parser.Variable) parser.Expr {
		return &parser.Lookup{Span: v.Span, X: &parser.Variable{Span: v.Span, Name: regroupItem}, Key: v.Name}
	}
	switch e := e.(type) {
	case *parser.Variable:
		return item(e)
	case *parser.Lookup:
		c := *e
		c.X = onItem(e.X)
		return &c
	case *parser.Index:
		c := *e
		c.X = onItem(e.X)
		return &c
	case *parser.Filtered:
		c := *e
		c.X = onItem(e.X)
		return &c
	}
	return e
}

func (n *regroupNode) Render(s *render.State, _ *render.Out) error {
	seq, err := evalNow(s, n.seq)
	if err != nil {
		return err
	}
	items, ok := render.Items(defined(seq))
	if !ok {
		return s.Errorf(n.pos, nil, "{%% regroup %%}: cannot iterate over %s", render.TypeName(seq))
	}
	frame := s.Scope.Push(1)
	saved := s.Scope
	s.Scope = frame
	defer func() { s.Scope = saved }()
	var groups []any
	var cur Group
	for i, item := range items {
		frame.Set(regroupItem, item)
		k, err := evalNow(s, n.key)
		if err != nil {
			return err
		}
		k = defined(k)
		if i == 0 || !render.Equal(k, cur[0]) {
			if i > 0 {
				groups = append(groups, cur)
			}
			cur = Group{k, []any{}}
		}
		cur[1] = append(cur[1].([]any), item)
	}
	if len(items) > 0 {
		groups = append(groups, cur)
	}
	saved.Set(n.as, groups)
	return nil
}

// Group is one group made by {% regroup %}: g.grouper is the key, g.list
// the items; {% for key, items in groups %} unpacks it, as Django's
// namedtuple allows.
type Group []any

// Attr implements render.Attrs.
func (g Group) Attr(name string) (any, bool, error) {
	switch name {
	case "grouper":
		return g[0], true, nil
	case "list":
		return g[1], true, nil
	}
	return nil, false, nil
}

// String prints the group as Django's GroupedResult.
func (g Group) String() string {
	return "GroupedResult(grouper=" + render.String(g[0]) + ", list=" + render.String(g[1]) + ")"
}
