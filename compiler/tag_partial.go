package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Template partials (Django 6.0): {% partialdef name [inline] %}…
// {% endpartialdef %} defines a fragment of the template, rendered where
// it is defined only with inline; {% partial name %} renders it with the
// current context; braid's Template.RenderPartial and the name
// "page.html#name" render one on its own.

// partialRef is a {% partial %} to check once the whole template is
// compiled, since a partial may be defined after its first use.
type partialRef struct {
	name string
	pos  parser.Pos
}

func (c *compiler) partialDefTag(n *parser.PartialDefNode) render.Node {
	body := c.nodes(n.Body)
	if c.prog.Partials == nil {
		c.prog.Partials = map[string]*render.Program{}
	}
	if _, dup := c.prog.Partials[n.Name]; dup {
		c.errorf(n.Pos, "{%% partialdef %s %%}: a partial named %q is already defined in this template", n.Name, n.Name)
	}
	// Macros and Partials are filled in by checkPartials, once known.
	c.prog.Partials[n.Name] = &render.Program{Name: c.prog.Name + "#" + n.Name, Source: c.prog.Source, Root: body}
	if n.Inline {
		return body
	}
	return nil
}

func (c *compiler) partialTag(n *parser.PartialNode) render.Node {
	c.partialRefs = append(c.partialRefs, partialRef{n.Name, n.Pos})
	return &partialNode{name: n.Name, pos: pos(n.Pos)}
}

// checkPartials reports {% partial %}s of names no partialdef defines, and
// gives each partial the template's macros and partials.
func (c *compiler) checkPartials() {
	for _, p := range c.prog.Partials {
		p.Macros, p.Partials = c.prog.Macros, c.prog.Partials
	}
	for _, r := range c.partialRefs {
		if _, ok := c.prog.Partials[r.name]; !ok {
			c.errorf(r.pos, "{%% partial %s %%}: no partial named %q is defined in this template", r.name, r.name)
		}
	}
}

// partialNode is {% partial name %}.
type partialNode struct {
	name string
	pos  render.Pos
}

func (n *partialNode) Render(s *render.State, out *render.Out) error {
	p, ok := s.Prog.Partials[n.name]
	if !ok {
		return s.Errorf(n.pos, nil, "{%% partial %s %%}: no partial named %q in %s", n.name, n.name, s.Prog.Name)
	}
	return p.Root.Render(s, out)
}
