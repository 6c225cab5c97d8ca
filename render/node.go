package render

import (
	"strings"
	"sync/atomic"
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
//
// Each node is a step of the render, counted against Limits.MaxSteps, and
// a node that writes past Limits.MaxOutput stops the render at its
// position.
func (ns Nodes) Render(s *State, out *Out) error {
	for _, n := range ns {
		s.Step()
		if err := s.step(n); err != nil {
			return err
		}
		if err := n.Render(s, out); err != nil {
			return s.at(n, err)
		}
		if err := out.Err(); err != nil {
			return s.at(n, err)
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

	marks atomic.Pointer[[]lineMark] // for resolve, made on first use
	// lazies is how many lazy values the last concurrent render of this
	// program started: the next one makes its table that big at once.
	lazies atomic.Int32
}

// lineMark is the line and column at a multiple of markEvery in a
// program's source.
type lineMark struct{ line, col int32 }

// markEvery is how far apart resolve's marks are: finding a line costs
// at most this many bytes of scanning, and the marks 8 bytes per markEvery
// of source.
const markEvery = 1024

// resolve returns pos with its line and column: a Pos made by At has only
// its offset, and gets them from the source here.
func (p *Program) resolve(pos Pos) Pos {
	if pos.Line >= 0 {
		return pos
	}
	if p == nil || pos.Offset < 0 || pos.Offset > len(p.Source) {
		return Pos{}
	}
	marks := p.marks.Load()
	if marks == nil {
		m := make([]lineMark, 0, len(p.Source)/markEvery+1)
		line, col := 1, 1
		for i := 0; i <= len(p.Source); i++ {
			if i%markEvery == 0 {
				m = append(m, lineMark{int32(line), int32(col)})
			}
			if i < len(p.Source) {
				line, col = step(p.Source[i], line, col)
			}
		}
		marks = &m
		p.marks.Store(marks)
	}
	k := pos.Offset / markEvery
	mk := (*marks)[k]
	line, col := int(mk.line), int(mk.col)
	for i := k * markEvery; i < pos.Offset; i++ {
		line, col = step(p.Source[i], line, col)
	}
	return Pos{Line: line, Col: col, Offset: pos.Offset}
}

// step moves a line and column (in runes) over byte c, as the parser
// counts them.
func step(c byte, line, col int) (int, int) {
	switch {
	case c == '\n':
		return line + 1, 1
	case c&0xC0 != 0x80: // not a UTF-8 continuation byte
		return line, col + 1
	}
	return line, col
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
	if pos.Line <= 0 || pos.Offset < 0 || p.Source == "" {
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
