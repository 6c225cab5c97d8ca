package parser

import (
	"github.com/alecthomas/participle/v2/lexer"
)

// A hand-written reader of the most used grammars (expressions, and the
// arguments of for, include, with, set, cycle, firstof, url and custom
// tags), which builds the very structs participle would (grammar.go) from
// the same tokens, without participle's reflection and backtracking
// allocations. It reads the grammar as participle does: alternatives in
// order, Pos the first token a struct takes (spaces skipped), EndPos the
// token just after its last one (a space included). It only ever declines
// (ok false), and then participle parses the tag, errors included.
//
// Where participle gives up an optional part that failed, it goes back
// only if the part took at most its lookahead (4) tokens, and otherwise
// reports the error. The hand reader goes back only when the failed part
// took at most one token, and declines the whole tag otherwise, so
// whenever it accepts, participle accepts too and builds the same tree.
// TestHandMatchesGrammar and FuzzParse check this.

// handBack is how many tokens a failed optional part may have taken for
// the reader to go back and try what follows instead.
const handBack = 1

type hand struct {
	toks []token
	i    int  // next token (maybe a space)
	last int  // the last token taken, -1 before the first
	fail bool // a part failed past where going back is allowed
}

// tok is the next token that is not a space.
func (h *hand) tok() *token {
	for h.toks[h.i].Type == tokSpace {
		h.i++
	}
	return &h.toks[h.i]
}

// pos is participle's Pos: the next token that is not a space.
func (h *hand) pos() lexer.Position { return lexer.Position{Offset: int(h.tok().Pos)} }

// endPos is participle's EndPos: the raw token after the last one taken.
func (h *hand) endPos() lexer.Position { return lexer.Position{Offset: int(h.toks[h.last+1].Pos)} }

// take consumes the next token.
func (h *hand) take() *token {
	t := h.tok()
	h.last = h.i
	h.i++
	return t
}

// is reports whether the next token has value v (of any type, as
// participle's 'v' matches).
func (h *hand) is(v string) bool { return h.tok().Value == v && h.tok().Type != tokEOF }

// typed reports whether the next token is of one of the types.
func (h *hand) typed(types ...lexer.TokenType) bool {
	t := h.tok().Type
	for _, typ := range types {
		if t == typ {
			return true
		}
	}
	return false
}

// mark is a point to go back to.
type mark struct{ i, last int }

func (h *hand) mark() mark { return mark{h.i, h.last} }

// back returns to m after an optional part failed: true if it may go on
// (the part took at most handBack tokens), false (and fail set) if not.
func (h *hand) back(m mark) bool {
	n := 0
	for _, t := range h.toks[m.i:h.i] {
		if t.Type != tokSpace {
			n++
		}
	}
	if n > handBack {
		h.fail = true
		return false
	}
	h.i, h.last = m.i, m.last
	return true
}

// optional runs part; when it fails it goes back if allowed. It reports
// whether part matched.
func (h *hand) optional(part func() bool) bool {
	m := h.mark()
	if part() {
		return true
	}
	h.back(m)
	return false
}

// eof reports whether all tokens are taken, as participle requires.
func (h *hand) eof() bool { return !h.fail && h.tok().Type == tokEOF }

func newHand(toks []token) *hand { return &hand{toks: toks, last: -1} }

// expr reads a gExpr.
func (h *hand) expr() *gExpr {
	x := h.operand()
	if x == nil {
		return nil
	}
	g := &gExpr{X: x}
	for !h.fail {
		var op *gBinOp
		if !h.optional(func() bool { op = h.binOp(); return op != nil }) {
			break
		}
		g.Ops = append(g.Ops, op)
	}
	if h.fail {
		return nil
	}
	return g
}

func (h *hand) binOp() *gBinOp {
	if !h.typed(tokOp, tokSign, tokKeyword) {
		return nil
	}
	op := h.take().Value
	y := h.operand()
	if y == nil {
		return nil
	}
	return &gBinOp{Op: op, Y: y}
}

// operand reads a gOperand.
func (h *hand) operand() *gOperand {
	o := &gOperand{Pos: h.pos()}
	for h.typed(tokNot, tokSign) {
		o.Prefix = append(o.Prefix, h.take().Value)
	}
	if o.X = h.primary(); o.X == nil {
		return nil
	}
	for !h.fail {
		var f *gFilter
		if !h.optional(func() bool {
			if !h.is("|") {
				return false
			}
			h.take()
			f = h.filter()
			return f != nil
		}) {
			break
		}
		o.Filters = append(o.Filters, f)
	}
	if h.fail {
		return nil
	}
	return o
}

func (h *hand) filter() *gFilter {
	f := &gFilter{Pos: h.pos()}
	if !h.typed(tokIdent) {
		return nil
	}
	f.Name = h.take().Value
	h.optional(func() bool {
		if !h.is(":") {
			return false
		}
		h.take()
		f.Arg = h.filterArg()
		return f.Arg != nil
	})
	if h.fail {
		return nil
	}
	f.EndPos = h.endPos()
	return f
}

func (h *hand) filterArg() *gFilterArg {
	a := &gFilterArg{Pos: h.pos()}
	for h.typed(tokSign) {
		a.Ops = append(a.Ops, h.take().Value)
	}
	if a.X = h.primary(); a.X == nil {
		return nil
	}
	return a
}

// primary reads a gPrimary.
func (h *hand) primary() *gPrimary {
	p := &gPrimary{Pos: h.pos()}
	switch {
	case h.typed(tokIdent, tokLit):
		p.Atom = h.take().Value
	case h.is("("):
		h.take()
		if p.Paren = h.expr(); p.Paren == nil || !h.is(")") {
			return nil
		}
		h.take()
	default:
		return nil
	}
	for !h.fail {
		var s *gSuffix
		if !h.optional(func() bool { s = h.suffix(); return s != nil }) {
			break
		}
		p.Suffixes = append(p.Suffixes, s)
	}
	if h.fail {
		return nil
	}
	return p
}

func (h *hand) suffix() *gSuffix {
	s := &gSuffix{}
	switch t := h.tok(); {
	case t.Value == "." && t.Type != tokEOF:
		h.take()
		if !h.typed(tokIdent, tokKeyword, tokNot, tokLit) {
			return nil
		}
		k := h.take().Value
		s.Key = &k
	case t.Value == "[" && t.Type != tokEOF:
		h.take()
		if s.Index = h.expr(); s.Index == nil || !h.is("]") {
			return nil
		}
		h.take()
	case t.Value == "(" && t.Type == tokPunct:
		if s.Call = h.call(); s.Call == nil {
			return nil
		}
	default:
		return nil
	}
	s.EndPos = h.endPos()
	return s
}

func (h *hand) call() *gCall {
	h.take()
	c := &gCall{Open: true}
	h.optional(func() bool {
		x := h.expr()
		if x == nil {
			return false
		}
		c.Args = append(c.Args, x)
		for !h.fail {
			var y *gExpr
			if !h.optional(func() bool {
				if !h.is(",") {
					return false
				}
				h.take()
				y = h.expr()
				return y != nil
			}) {
				break
			}
			c.Args = append(c.Args, y)
		}
		return !h.fail
	})
	if h.fail || !h.is(")") {
		return nil
	}
	h.take()
	return c
}

// kwarg reads name=value.
func (h *hand) kwarg() *gKwarg {
	k := &gKwarg{Pos: h.pos()}
	if !h.typed(tokIdent) {
		return nil
	}
	k.Name = h.take().Value
	if !h.is("=") {
		return nil
	}
	h.take()
	if k.Value = h.expr(); k.Value == nil {
		return nil
	}
	k.EndPos = h.endPos()
	return k
}

// arg reads a gArg: a keyword argument, else a positional one.
func (h *hand) arg() *gArg {
	m := h.mark()
	if k := h.kwarg(); k != nil {
		return &gArg{Kw: k}
	}
	if !h.back(m) {
		return nil
	}
	if o := h.operand(); o != nil {
		return &gArg{Pos: o}
	}
	return nil
}

// args reads ( (?! 'as' ) gArg )* ( 'as' @Ident )?, the tail of url's
// and custom tags' arguments.
func (h *hand) args() (args []*gArg, as string, ok bool) {
	for !h.fail && !h.is("as") {
		var a *gArg
		if !h.optional(func() bool { a = h.arg(); return a != nil }) {
			break
		}
		args = append(args, a)
	}
	as = h.asName()
	return args, as, h.eof()
}

// values reads ( (?! 'as' ) gOperand )+ ( 'as' @Ident )?, cycle's and
// firstof's values.
func (h *hand) values() (vs []*gOperand, ok bool) {
	for !h.fail && !h.is("as") {
		var o *gOperand
		if !h.optional(func() bool { o = h.operand(); return o != nil }) {
			break
		}
		vs = append(vs, o)
	}
	return vs, len(vs) > 0 && !h.fail
}

// The hand readers of the grammars, by the grammar's struct.

func handExpr(toks []token) (*gExprArgs, bool) {
	h := newHand(toks)
	x := h.expr()
	return &gExprArgs{X: x}, x != nil && h.eof()
}

func handFor(toks []token) (*gForArgs, bool) {
	h := newHand(toks)
	a := &gForArgs{}
	if !h.typed(tokIdent) {
		return nil, false
	}
	a.Vars = append(a.Vars, h.take().Value)
	for !h.fail && h.optional(func() bool {
		if !h.is(",") {
			return false
		}
		h.take()
		if !h.typed(tokIdent) {
			return false
		}
		a.Vars = append(a.Vars, h.take().Value)
		return true
	}) {
	}
	if h.fail || !h.is("in") {
		return nil, false
	}
	h.take()
	if a.Seq = h.expr(); a.Seq == nil {
		return nil, false
	}
	for h.is("reversed") || h.is("sorted") {
		a.Opts = append(a.Opts, h.take().Value)
	}
	return a, h.eof()
}

func handInclude(toks []token) (*gIncludeArgs, bool) {
	h := newHand(toks)
	a := &gIncludeArgs{}
	if a.Template = h.expr(); a.Template == nil {
		return nil, false
	}
	for !h.fail {
		o := &gIncludeOpt{}
		switch {
		case h.is("with"):
			m := h.mark()
			h.take()
			for !h.fail {
				var k *gKwarg
				if !h.optional(func() bool { k = h.kwarg(); return k != nil }) {
					break
				}
				o.With = append(o.With, k)
			}
			if o.With == nil {
				h.back(m)
				return nil, false
			}
		case h.is("only"):
			h.take()
			o.Only = true
		case h.is("if_exists"):
			h.take()
			o.IfExists = true
		default:
			return a, h.eof()
		}
		a.Opts = append(a.Opts, o)
	}
	return nil, false
}

func handWith(toks []token) (*gWithArgs, bool) {
	h := newHand(toks)
	a := &gWithArgs{}
	for !h.fail {
		var k *gKwarg
		if !h.optional(func() bool { k = h.kwarg(); return k != nil }) {
			break
		}
		a.Args = append(a.Args, k)
	}
	if h.fail {
		return nil, false
	}
	if a.Args == nil {
		l := &gLegacyWith{Pos: h.pos()}
		if l.Value = h.operand(); l.Value == nil || !h.is("as") {
			return nil, false
		}
		h.take()
		if !h.typed(tokIdent) {
			return nil, false
		}
		l.Name = h.take().Value
		l.EndPos = h.endPos()
		a.Legacy = l
	}
	return a, h.eof()
}

func handSet(toks []token) (*gSetArgs, bool) {
	h := newHand(toks)
	a := &gSetArgs{}
	if !h.typed(tokIdent) {
		return nil, false
	}
	a.Name = h.take().Value
	if !h.is("=") {
		return nil, false
	}
	h.take()
	if a.Value = h.expr(); a.Value == nil {
		return nil, false
	}
	return a, h.eof()
}

// handName and handOptName read the one word of block, endblock and the
// like.
func handName(toks []token) (*gNameArgs, bool) {
	h := hand{toks: toks, last: -1}
	if !h.typed(tokIdent, tokKeyword) {
		return nil, false
	}
	a := &gNameArgs{Name: h.take().Value}
	return a, h.eof()
}

func handOptName(toks []token) (*gOptNameArgs, bool) {
	h := hand{toks: toks, last: -1}
	a := &gOptNameArgs{}
	if h.typed(tokIdent, tokKeyword) {
		a.Name = h.take().Value
	}
	return a, h.eof()
}

func handTagArgs(toks []token) (*gTagArgs, bool) {
	h := newHand(toks)
	args, as, ok := h.args()
	return &gTagArgs{Args: args, As: as}, ok
}

func handURL(toks []token) (*gURLArgs, bool) {
	h := newHand(toks)
	a := &gURLArgs{}
	if a.Name = h.operand(); a.Name == nil {
		return nil, false
	}
	var ok bool
	a.Args, a.As, ok = h.args()
	return a, ok
}

func handCycle(toks []token) (*gCycleArgs, bool) {
	h := newHand(toks)
	a := &gCycleArgs{}
	var ok bool
	if a.Values, ok = h.values(); !ok {
		return nil, false
	}
	if a.As = h.asName(); a.As != "" && h.is("silent") {
		h.take()
		a.Silent = true
	}
	return a, h.eof()
}

func handFirstof(toks []token) (*gFirstofArgs, bool) {
	h := newHand(toks)
	a := &gFirstofArgs{}
	var ok bool
	if a.Values, ok = h.values(); !ok {
		return nil, false
	}
	a.As = h.asName()
	return a, h.eof()
}

// asName reads ( 'as' @Ident )?: the name, or "" when there is none.
func (h *hand) asName() (name string) {
	h.optional(func() bool {
		if !h.is("as") {
			return false
		}
		h.take()
		if !h.typed(tokIdent) {
			return false
		}
		name = h.take().Value
		return true
	})
	return name
}
