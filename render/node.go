package render

import (
	"strings"
)

// Node is one executable piece of a compiled template. Render writes the
// node's output to out; it must not modify the node, so one Program can
// serve concurrent renders.
type Node interface {
	Render(s *State, out *Out) error
}

// Expr is a compiled expression.
type Expr interface {
	// Eval computes the value, or says that it cannot yet: wait is then
	// the Future (not ready when Eval looked, see State.Settle) that the
	// expression needs, and v is nil. The pending signal is never a
	// value: v is the expression's value whenever wait is nil, and a
	// node told to wait evaluates the whole expression again once wait
	// is ready. A variable that does not exist gives Undefined (or, in
	// strict mode, an error), never a Go panic.
	Eval(s *State) (v any, wait *Future, err error)
}

// Nodes is a sequence of nodes rendered in order.
type Nodes []Node

// Render renders each node in order and stops at the first error, or as
// soon as the writer failed.
func (ns Nodes) Render(s *State, out *Out) error {
	for _, n := range ns {
		s.Step()
		if err := n.Render(s, out); err != nil {
			return err
		}
		if err := out.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Text is literal template text.
type Text string

// Render writes the text.
func (t Text) Render(_ *State, out *Out) error {
	out.WriteString(string(t))
	return nil
}

// Undefined is the value of a variable or attribute that does not exist.
// It prints as the engine's string-if-invalid value, is false in
// conditions, equals None, and looking anything up on it gives Undefined.
type Undefined struct {
	Name string // the expression that was not found, for messages
}

// Attrs is implemented by values whose attributes are computed rather than
// found by reflection, such as forloop and block. Lookups ask Attr first.
type Attrs interface {
	// Attr returns the attribute; ok=false if there is none; err if
	// computing it failed.
	Attr(name string) (v any, ok bool, err error)
}

// Program is a compiled template: what the compiler produces and the
// renderer runs.
type Program struct {
	Name   string
	Source string
	Root   Nodes
	// Parent is the {% extends %} expression; nil if the template extends
	// nothing. ParentPos is where the tag is.
	Parent    Expr
	ParentPos Pos
	// Blocks are the {% block %}s defined anywhere in the template, by name.
	Blocks map[string]*Block
	// Macros are the {% macro %}s defined in the template, by name.
	Macros map[string]*Macro
	// Partials are the {% partialdef %}s defined in the template, by name,
	// each a program of its own ("page.html#name") that shares the
	// template's macros and partials.
	Partials map[string]*Program
	// Setup runs before Root or the parent renders: it binds macros and
	// imports. It may be nil.
	Setup Nodes
}

// Block is one {% block %} definition.
type Block struct {
	Name string
	Body Nodes
	Pos  Pos
	// UsesSuper reports whether the body reads block.super, so the parent's
	// version is rendered only when needed.
	UsesSuper bool
	Prog      *Program // the template that defines it
}

// Macro is one {% macro %} definition (a pongo2 extension).
type Macro struct {
	Name     string
	Params   []string
	Defaults []Expr // per parameter; nil where there is no default
	Body     Nodes
	Export   bool
	Pos      Pos
	Prog     *Program
}

// line returns the source line at pos.
func (p *Program) line(pos Pos) string {
	if pos.Line <= 0 || p.Source == "" {
		return ""
	}
	start := pos.Offset
	if start > len(p.Source) {
		start = len(p.Source)
	}
	for start > 0 && p.Source[start-1] != '\n' {
		start--
	}
	end := strings.IndexByte(p.Source[start:], '\n')
	if end < 0 {
		return p.Source[start:]
	}
	return p.Source[start : start+end]
}
