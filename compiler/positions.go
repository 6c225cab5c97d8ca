package compiler

import "github.com/braidtpl/braid/render"

// Where each node starts (render.Positioned), for the errors of the
// limits that stop a render at a node (render.Limits).

func (n *outputNode) Position() render.Pos     { return render.At(int(n.at)) }
func (n *blockNode) Position() render.Pos      { return n.def.Pos }
func (n *guardedNode) Position() render.Pos    { return n.pos }
func (n *inclusionNode) Position() render.Pos  { return n.pos }
func (n *forNode) Position() render.Pos        { return n.pos }
func (n *ifNode) Position() render.Pos         { return n.pos }
func (n *includeNode) Position() render.Pos    { return n.pos }
func (n *ssiNode) Position() render.Pos        { return n.pos }
func (n *importNode) Position() render.Pos     { return n.pos }
func (n *widthratioNode) Position() render.Pos { return n.pos }
func (n *partialNode) Position() render.Pos    { return n.pos }
func (n *regionNode) Position() render.Pos     { return n.pos }
func (n *regroupNode) Position() render.Pos    { return n.pos }
func (n *urlNode) Position() render.Pos        { return n.pos }
func (n *querystringNode) Position() render.Pos {
	return n.pos
}
