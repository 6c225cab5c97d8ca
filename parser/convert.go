package parser

import (
	"strconv"
	"strings"
)

// Conversion from participle's parse trees (grammar.go) to the AST.

// span is the Span from one offset to another.
func span[P Pos | int](from, to P) Span { return Span{Pos: Pos(from), EndPos: Pos(to)} }

// off is a grammar position's offset.
func off(p Position) Pos { return Pos(p.Offset) }

func binary(op string, x, y Expr) Expr {
	return &Binary{Span: span(x.Position(), y.End()), Op: op, X: x, Y: y}
}

// binaryPrec gives each infix operator its precedence, loosest first.
var binaryPrec = map[string]int{
	"or": precOr, "||": precOr, "and": precAnd, "&&": precAnd,
	"==": precCmp, "!=": precCmp, "<": precCmp, ">": precCmp, "<=": precCmp, ">=": precCmp,
	"in": precCmp, "not in": precCmp, "notin": precCmp, "is": precCmp, "is not": precCmp, "isnot": precCmp,
	"+": precAdd, "-": precAdd, "*": precMul, "/": precMul, "%": precMul, "^": precPow,
}

// canonicalOp spells an operator the one way the AST and printer use.
var canonicalOp = map[string]string{"||": "or", "&&": "and", "notin": "not in", "isnot": "is not"}

// climb applies precedence to a flat gExpr (precedence climbing): operand
// i is followed by operator i.
type climb struct {
	b *builder
	g *gExpr
	i int // next operand
	k int // next prefix operator of operand i
}

func (b *builder) expr(g *gExpr) Expr {
	// Operators chain to the left: a + b + c nests as deep as it has
	// operators.
	if !b.nest(len(g.Ops), off(g.X.Pos)) {
		return nil
	}
	c := climb{b: b, g: g}
	x := c.expr(0)
	b.level -= len(g.Ops)
	return x
}

// nest counts n more levels of the expression being converted, which
// nest under those counted so far: operators, prefixes, lookups,
// subscripts, calls and filters each make a node with the rest below it.
// The count bounds the depth of the tree (so the compiler, the printer
// and the renderer, which recurse over it, cannot run out of stack);
// beyond the limit it reports an error at pos and is false, and the
// caller gives up (returning nil) without undoing it.
func (b *builder) nest(n int, pos Pos) bool {
	b.level += n
	if b.level <= b.opts.maxDepth {
		return true
	}
	b.level -= n
	b.errorAt(pos, "expression nested deeper than %d levels", b.opts.maxDepth)
	return false
}

func (c *climb) operand(i int) *gOperand {
	if i == 0 {
		return c.g.X
	}
	return c.g.Ops[i-1].Y
}

// expr parses operands and the operators binding at least as tight as min.
func (c *climb) expr(min int) Expr {
	x := c.unary()
	for c.i-1 < len(c.g.Ops) && x != nil {
		op := c.g.Ops[c.i-1].Op
		if len(op) > 3 { // "not  in" spelt with more space
			op = strings.Join(strings.Fields(op), " ")
		}
		p := binaryPrec[op]
		if p < min {
			break
		}
		if o, ok := canonicalOp[op]; ok {
			op = o
		}
		next := p + 1 // every operator is left-associative
		if op == "^" && c.b.opts.pongo2 {
			next = p // but pongo2's power: 2^3^2 is 2^9
		}
		y := c.expr(next)
		if y == nil {
			return nil
		}
		x = binary(op, x, y)
	}
	return x
}

// unary parses the next operand with its prefix operators. Django's "not"
// takes everything that binds tighter than it (not a == b is not (a == b));
// a sign takes only its operand.
func (c *climb) unary() Expr {
	o := c.operand(c.i)
	if c.k < len(o.Prefix) && (o.Prefix[c.k] == "not" || o.Prefix[c.k] == "!") {
		c.k++
		if !c.b.nest(1, off(o.Pos)) {
			return nil
		}
		x := c.expr(precCmp)
		c.b.level--
		if x == nil {
			return nil
		}
		return &Unary{Span: span(off(o.Pos), x.End()), Op: "not", X: x}
	}
	signs := o.Prefix[c.k:]
	for _, s := range signs {
		if s == "not" || s == "!" {
			c.b.errorAt(off(o.Pos), "%q cannot follow a sign: write -(not x)", s)
			return nil
		}
	}
	c.i++
	c.k = 0
	if len(signs) > 0 && c.b.opts.pongo2 && c.i-1 < len(c.g.Ops) && c.g.Ops[c.i-1].Op == "^" {
		return c.signedPower(o, signs)
	}
	return c.b.term(off(o.Pos), signs, o.X, o.Filters)
}

// signedPower is pongo2's (and Python's) -x ^ y: the sign takes the
// power, -(x ^ y), where braid's own dialect reads (-x) ^ y.
func (c *climb) signedPower(o *gOperand, signs []string) Expr {
	if !c.b.nest(len(signs), off(o.Pos)) {
		return nil
	}
	defer func() { c.b.level -= len(signs) }()
	x := c.b.term(off(o.Pos), nil, o.X, o.Filters)
	for x != nil && c.i-1 < len(c.g.Ops) && c.g.Ops[c.i-1].Op == "^" {
		y := c.expr(precPow)
		if y == nil {
			return nil
		}
		x = binary("^", x, y)
	}
	if x == nil {
		return nil
	}
	for i := len(signs) - 1; i >= 0; i-- {
		x = &Unary{Span: span(off(o.Pos), x.End()), Op: signs[i], X: x}
	}
	return x
}

// operand converts a term: a sign before a bare number is part of the
// literal, so -1|abs filters -1 as Django does; other signs are operators.
func (b *builder) operand(g *gOperand) Expr {
	for _, p := range g.Prefix {
		if p == "not" || p == "!" {
			return b.expr(&gExpr{X: g})
		}
	}
	return b.term(off(g.Pos), g.Prefix, g.X, g.Filters)
}

func (b *builder) term(pos Pos, signs []string, p *gPrimary, filters []*gFilter) Expr {
	var x Expr
	n := len(signs)
	if len(filters) > 0 {
		n++
	}
	if !b.nest(n, pos) {
		return nil
	}
	defer func() { b.level -= n }()
	if len(signs) > 0 && isBareNumber(p) {
		x = b.signedNumber(pos, signs, p)
		signs = nil
	} else if x = b.primary(p); x == nil {
		return nil
	}
	x = b.filtered(x, filters)
	for i := len(signs) - 1; i >= 0; i-- {
		x = &Unary{Span: span(pos, x.End()), Op: signs[i], X: x}
	}
	return x
}

func isBareNumber(p *gPrimary) bool {
	if p.Atom == "" || len(p.Suffixes) > 0 {
		return false
	}
	k := litKind(p.Atom)
	return k == IntToken || k == FloatToken
}

// signedNumber folds the signs before a number literal into it.
func (b *builder) signedNumber(pos Pos, ops []string, p *gPrimary) Expr {
	n := b.primary(p).(*NumberLit)
	neg := false
	for _, op := range ops {
		if op == "-" {
			neg = !neg
		}
	}
	n.Span.Pos = pos
	if neg {
		n.Int, n.Float = -n.Int, -n.Float
		if strings.HasPrefix(n.Text, "-") {
			n.Text = n.Text[1:]
		} else {
			n.Text = "-" + n.Text
		}
	}
	return n
}

func (b *builder) filtered(x Expr, gs []*gFilter) Expr {
	if len(gs) == 0 {
		return x
	}
	fs := b.filters(gs)
	return &Filtered{Span: span(x.Position(), fs[len(fs)-1].EndPos), X: x, Filters: fs}
}

func (b *builder) filters(gs []*gFilter) []*Filter {
	fs := make([]*Filter, len(gs))
	for i, g := range gs {
		f := &Filter{Span: span(off(g.Pos), off(g.EndPos)), Name: g.Name}
		if g.Arg != nil {
			f.Arg = b.filterArg(g.Arg)
		}
		fs[i] = f
	}
	return fs
}

func (b *builder) filterArg(g *gFilterArg) Expr {
	if len(g.Ops) > 0 && isBareNumber(g.X) {
		return b.signedNumber(off(g.Pos), g.Ops, g.X)
	}
	if !b.nest(len(g.Ops), off(g.Pos)) {
		return nil
	}
	defer func() { b.level -= len(g.Ops) }()
	x := b.primary(g.X)
	if x == nil {
		return nil
	}
	for i := len(g.Ops) - 1; i >= 0; i-- {
		x = &Unary{Span: span(off(g.Pos), x.End()), Op: g.Ops[i], X: x}
	}
	return x
}

func (b *builder) primary(g *gPrimary) Expr {
	var x Expr
	// A literal's span is its token: the primary's end is after its suffixes.
	lit := func(text string) Span {
		return span(off(g.Pos), off(g.Pos)+Pos(len(text)))
	}
	suffixes := g.Suffixes
	// Each lookup, subscript and call holds what comes before it.
	if !b.nest(len(suffixes), off(g.Pos)) {
		return nil
	}
	defer func() { b.level -= len(g.Suffixes) }()
	v := g.Atom
	switch {
	case g.Paren != nil:
		x = b.expr(g.Paren)
		if x == nil {
			return nil
		}
	case v == "_" && len(suffixes) > 0 && isTrans(suffixes[0]):
		s := suffixes[0]
		x = &TransLit{Span: span(off(g.Pos), off(s.EndPos)), Value: unquote(s.Call.Args[0].X.X.Atom)}
		suffixes = suffixes[1:]
	case b.opts.pongo2 && len(v) > 0 && v[0] >= '0' && v[0] <= '9' && digitName(v) == len(v):
		x = &Variable{Span: lit(v), Name: v} // pongo2's 12345_123, 995189baz
	case litKind(v) == IdentToken && !constants[v] && v[0] >= '0' && v[0] <= '9':
		if x = b.numericPath(off(g.Pos), v); x == nil {
			return nil
		}
	case litKind(v) == IdentToken && !constants[v]:
		if strings.HasPrefix(v, "_") {
			b.errorAt(off(g.Pos), "variables and attributes may not begin with underscores: %q", v)
		}
		x = &Variable{Span: lit(v), Name: v}
	default:
		switch litKind(v) {
		case StringToken:
			if b.opts.pongo2 {
				x = &StringLit{Span: lit(v), Value: unquotePongo2(v)}
			} else {
				x = &StringLit{Span: lit(v), Value: unquote(v)}
			}
		case IntToken:
			n := &NumberLit{Span: lit(v), Text: strings.ReplaceAll(v, "_", "")}
			i, err := strconv.ParseInt(n.Text, 10, 64)
			if err != nil {
				b.errorAt(off(g.Pos), "integer %s is too large", v)
			}
			n.Int, n.Float = i, float64(i)
			x = n
		case FloatToken:
			n := &NumberLit{Span: lit(v), IsFloat: true}
			f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
			if err != nil {
				b.errorAt(off(g.Pos), "number %s is out of range", v)
			}
			n.Float = f
			n.Text = strconv.FormatFloat(f, 'g', -1, 64)
			if !strings.ContainsAny(n.Text, ".eIN") {
				n.Text += ".0"
			}
			x = n
		case IdentToken:
			if v == "True" || v == "true" || v == "False" || v == "false" {
				x = &BoolLit{Span: lit(v), Value: v == "True" || v == "true", Text: v}
			} else {
				x = &NoneLit{Span: lit(v), Text: v}
			}
		}
	}
	for _, s := range suffixes {
		sp := span(off(g.Pos), off(s.EndPos))
		switch {
		case s.Key != nil:
			key := *s.Key
			switch k := litKind(key); {
			case strings.HasPrefix(key, "_"):
				b.errorAt(x.End(), "variables and attributes may not begin with underscores: %q", key)
			case k != IntToken && k != IdentToken, key == "!", strings.ContainsAny(key, " \t\r\n"):
				b.errorAt(x.End(), "expected an attribute name or index after ., found %s", key)
			}
			x = &Lookup{Span: sp, X: x, Key: key}
		case s.Index != nil:
			i := b.expr(s.Index)
			if i == nil {
				return nil
			}
			x = &Index{Span: sp, X: x, Index: i}
		default:
			args := make([]Expr, len(s.Call.Args))
			for i, a := range s.Call.Args {
				if args[i] = b.expr(a); args[i] == nil {
					return nil
				}
			}
			x = &Call{Span: sp, Fn: x, Args: args}
		}
	}
	return x
}

// numericPath converts a run such as 1.2.3 or 2. that starts with a digit
// but is not a number: Django's Variable looks it up as the variable "1"
// and its attributes "2" and "3" (so it is usually missing).
func (b *builder) numericPath(pos Pos, v string) Expr {
	at := func(n int) Pos { return pos + Pos(n) }
	parts := strings.Split(v, ".")
	if !b.nest(len(parts)-1, pos) {
		return nil
	}
	b.level -= len(parts) - 1
	var x Expr = &Variable{Span: span(pos, at(len(parts[0]))), Name: parts[0]}
	n := len(parts[0])
	for _, key := range parts[1:] {
		if strings.HasPrefix(key, "_") {
			b.errorAt(x.End(), "variables and attributes may not begin with underscores: %q", key)
		}
		n += 1 + len(key)
		x = &Lookup{Span: span(pos, at(n)), X: x, Key: key}
	}
	return x
}

// isTrans reports whether a suffix is ("text"): with _ before it, Django's
// translated string.
func isTrans(s *gSuffix) bool {
	if s.Call == nil || len(s.Call.Args) != 1 {
		return false
	}
	a := s.Call.Args[0]
	p := a.X.X
	return len(a.Ops) == 0 && len(a.X.Prefix) == 0 && len(a.X.Filters) == 0 &&
		p.Atom != "" && litKind(p.Atom) == StringToken && len(p.Suffixes) == 0
}

func (b *builder) args(gs []*gArg) []*Arg {
	out := make([]*Arg, len(gs))
	for i, g := range gs {
		if g.Kw != nil {
			out[i] = b.kwarg(g.Kw)
			continue
		}
		v := b.operand(g.Pos)
		if v == nil { // its error is reported: +!x
			out[i] = &Arg{Span: span(off(g.Pos.Pos), off(g.Pos.Pos))}
			continue
		}
		out[i] = &Arg{Span: span(v.Position(), v.End()), Value: v}
	}
	return out
}

func (b *builder) kwarg(g *gKwarg) *Arg {
	return &Arg{Span: span(off(g.Pos), off(g.EndPos)), Name: g.Name, Value: b.expr(g.Value)}
}

func (b *builder) kwargs(gs []*gKwarg) []*Arg {
	out := make([]*Arg, len(gs))
	for i, g := range gs {
		out[i] = b.kwarg(g)
	}
	return out
}

func (b *builder) terms(gs []*gOperand) []Expr {
	out := make([]Expr, len(gs))
	for i, g := range gs {
		out[i] = b.operand(g)
	}
	return out
}
