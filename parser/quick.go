package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// quickExpr parses the most common expression shape, a literal or variable
// with dotted lookups and a filter chain whose arguments are literals or
// variables (name.title|default:"x"|upper), without participle, which
// costs some ninety allocations a tag. Anything else, errors included, it
// declines (ok false) and the grammar takes over; TestQuickMatchesGrammar
// and FuzzParse check that both give the same tree whenever it accepts.
//
// It also declines an expression with more than max lookups and filters,
// which the grammar's conversion checks against the nesting limit.
func quickExpr(toks []token, max int) (x Expr, ok bool) {
	return quickExprFrom(toks, max, &exprSlabs{})
}

// exprSlabs are the slabs quickExpr takes its nodes from: a parse's own
// (a node it made for an expression it then declined stays unused).
type exprSlabs struct {
	vars     slab[Variable]
	lookups  slab[Lookup]
	filters  slab[Filter]
	filtered slab[Filtered]
}

// quickExprFrom is quickExpr, with its nodes from slabs.
func quickExprFrom(toks []token, max int, slabs *exprSlabs) (x Expr, ok bool) {
	q := quick{toks: toks, left: max, slabs: slabs}
	q.skip()
	if x, ok = q.primary(nil); !ok {
		return nil, false
	}
	var filters []*Filter
	for q.skip(); q.is(tokPunct, "|"); q.skip() {
		q.i++
		q.skip()
		name := q.tok()
		if name.Type != tokIdent {
			return nil, false
		}
		q.i++
		if q.left--; q.left < 0 {
			return nil, false
		}
		f := q.slabs.filters.next()
		*f = Filter{Span: span(name.Pos, end(name)), Name: name.Value}
		q.skip()
		if q.is(tokPunct, ":") {
			q.i++
			q.skip()
			var sign *token
			if t := q.tok(); t.Type == tokSign {
				sign = t
				q.i++
			}
			if f.Arg, ok = q.primary(sign); !ok {
				return nil, false
			}
			f.EndPos = f.Arg.End()
		}
		filters = append(filters, f)
	}
	if q.tok().Type != tokEOF {
		return nil, false
	}
	if len(filters) > 0 {
		f := q.slabs.filtered.next()
		*f = Filtered{Span: span(x.Position(), filters[len(filters)-1].EndPos), X: x, Filters: filters}
		x = f
	}
	return x, true
}

type quick struct {
	toks  []token
	i     int
	left  int // lookups and filters still allowed
	slabs *exprSlabs
}

func (q *quick) tok() *token { return &q.toks[q.i] }

func (q *quick) skip() {
	for q.toks[q.i].Type == tokSpace {
		q.i++
	}
}

func (q *quick) is(typ lexer.TokenType, v string) bool {
	t := q.tok()
	return t.Type == typ && t.Value == v
}

// end is the offset just after t.
func end(t *token) Pos { return Pos(int(t.Pos) + len(t.Value)) }

// primary reads an atom and its dotted lookups; sign, if set, is a sign
// before it, taken only by a bare number.
func (q *quick) primary(sign *token) (Expr, bool) {
	t := q.tok()
	sp := span(t.Pos, end(t))
	var x Expr
	switch {
	case t.Type == tokIdent:
		if t.Value[0] == '_' || identLen(t.Value) != len(t.Value) || t.Value[0] >= '0' && t.Value[0] <= '9' {
			return nil, false // not a name: a block's word such as nav-sidebar or 1
		}
		v := q.slabs.vars.next()
		*v = Variable{Span: sp, Name: t.Value}
		x = v
	case t.Type != tokLit:
		return nil, false
	default:
		switch litKind(t.Value) {
		case StringToken:
			if !strings.HasSuffix(t.Value, t.Value[:1]) || len(t.Value) < 2 {
				return nil, false
			}
			x = &StringLit{Span: sp, Value: unquote(t.Value)}
		case IntToken:
			v, err := strconv.ParseInt(t.Value, 10, 64)
			if err != nil {
				return nil, false
			}
			x = &NumberLit{Span: sp, Text: t.Value, Int: v, Float: float64(v)}
		case FloatToken:
			return nil, false
		default:
			if !constants[t.Value] {
				return nil, false // 1.2.3: a name with lookups, for the grammar
			}
			switch t.Value {
			case "True", "true", "False", "false":
				x = &BoolLit{Span: sp, Value: t.Value == "True" || t.Value == "true", Text: t.Value}
			default:
				x = &NoneLit{Span: sp, Text: t.Value}
			}
		}
	}
	q.i++
	start := t.Pos
	for q.skip(); q.is(tokPunct, "."); q.skip() {
		q.i++
		q.skip()
		k := q.tok()
		if k.Type != tokIdent && (k.Type != tokLit || litKind(k.Value) != IntToken) || k.Value[0] == '_' {
			return nil, false
		}
		if q.left--; q.left < 0 {
			return nil, false
		}
		q.i++
		l := q.slabs.lookups.next()
		*l = Lookup{Span: span(start, end(k)), X: x, Key: k.Value}
		x = l
	}
	if sign != nil {
		n, isNum := x.(*NumberLit)
		if !isNum {
			return nil, false
		}
		n.Span.Pos = sign.Pos
		if sign.Value == "-" {
			n.Int, n.Float, n.Text = -n.Int, -n.Float, "-"+n.Text
		}
	}
	return x, true
}
