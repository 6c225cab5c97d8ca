package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// blockNode is {% block name %}: where a template's block is rendered,
// with the most derived definition of it in an inheritance chain.
type blockNode struct {
	def *render.Block
}

func (c *compiler) blockTag(n *parser.BlockNode) render.Node {
	// The definition and the node in one allocation.
	both := &struct {
		def  render.Block
		node blockNode
	}{def: render.Block{Name: n.Name, Pos: pos(n.Pos), Prog: c.prog}}
	def := &both.def
	saved := c.super
	c.super = &def.UsesSuper
	c.bindNames(1, "block")
	def.Body = c.nodes(n.Body)
	c.bindNames(-1, "block")
	c.super = saved
	if c.prog.Blocks == nil {
		c.prog.Blocks = map[string]*render.Block{}
	}
	c.prog.Blocks[n.Name] = def
	both.node.def = def
	return &both.node
}

func (n *blockNode) Render(s *render.State, out *render.Out) error {
	chain := s.Blocks.Chain(n.def.Name)
	if len(chain) == 0 {
		chain = []*render.Block{n.def}
	}
	return renderBlock(s, out, chain, 0, s.Blocks == nil)
}

// renderBlock renders chain[i] with block.super bound to chain[i+1]; base
// is set when the template extends nothing.
func renderBlock(s *render.State, out *render.Out, chain []*render.Block, i int, base bool) error {
	blk := chain[i]
	savedProg, savedScope := s.Prog, s.Scope
	defer func() { s.Prog, s.Scope = savedProg, savedScope }()
	s.Prog = blk.Prog
	if blk.UsesSuper {
		frame := s.Scope.Push(1)
		frame.Set("block", &blockVar{chain: chain, i: i, base: base})
		s.Scope = frame
	}
	return blk.Body.Render(s, out)
}

// blockVar is the block variable inside a block that reads
// {{ block.super }}: the chain and this block's place in it.
type blockVar struct {
	chain []*render.Block
	i     int
	base  bool // the template extends nothing
}

// superExpr is {{ block.super }}: the parent template's version of the
// block, rendered with the state of the node that asks (which may be a
// deferred node on another goroutine). In a template that extends
// nothing it is an error, as in Django (BlockNode.super); in an
// inheritance chain, a block that no parent defines has an empty super.
type superExpr struct{ pos render.Pos }

func (e *superExpr) Eval(s *render.State) (any, *render.Future, error) {
	v, _ := s.Scope.Get("block")
	b, ok := v.(*blockVar)
	if ok && b.base {
		return nil, nil, s.Errorf(e.pos, nil, "{{ block.super }}: 'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?")
	}
	if !ok || b.i+1 >= len(b.chain) {
		return render.SafeString(""), nil, nil
	}
	// A capture: the parent's block renders whole, waiting for its
	// values in place.
	buf := render.NewCapture()
	if err := renderBlock(s, buf, b.chain, b.i+1, false); err != nil {
		return nil, nil, err
	}
	return render.SafeString(buf.String()), nil, nil
}

func (c *compiler) extendsTag(n *parser.ExtendsNode) {
	c.prog.Parent = c.expr(n.Parent)
	c.prog.ParentPos = pos(n.Pos)
	if lit, ok := n.Parent.(*parser.StringLit); ok {
		c.facts.Extends = &Ref{Name: lit.Value, Pos: c.position(n.Pos)}
	} else {
		c.facts.Dynamic = append(c.facts.Dynamic, c.position(n.Pos))
	}
}
