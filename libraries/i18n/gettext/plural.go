package gettext

import (
	"fmt"
	"strconv"
	"strings"
)

// pluralRule is a parsed Plural-Forms header: how many forms a catalog
// has and the expression that picks one for n.
type pluralRule struct {
	nplurals int
	expr     node
}

// englishRule is the rule without a Plural-Forms header, as GNU gettext
// and Python's gettext assume: nplurals=2; plural=(n != 1);.
var englishRule = pluralRule{nplurals: 2, expr: &binOp{op: "!=", l: varN{}, r: lit(1)}}

// index is the form for n, clamped to 0 when the expression picks one
// outside 0…nplurals-1.
func (r pluralRule) index(n int) int {
	i := r.expr.eval(int64(n))
	if i < 0 || i >= int64(r.nplurals) {
		return 0
	}
	return int(i)
}

// parsePluralForms parses a Plural-Forms value: "nplurals=N; plural=EXPR;".
func parsePluralForms(s string) (pluralRule, error) {
	var r pluralRule
	var expr string
	haveN, haveExpr := false, false
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			return r, fmt.Errorf("Plural-Forms: %q is not name=value", part)
		}
		switch strings.TrimSpace(key) {
		case "nplurals":
			n, err := strconv.Atoi(strings.TrimSpace(val))
			if err != nil || n < 1 || n > 1000 {
				return r, fmt.Errorf("Plural-Forms: bad nplurals %q", strings.TrimSpace(val))
			}
			r.nplurals, haveN = n, true
		case "plural":
			expr, haveExpr = val, true
		default:
			return r, fmt.Errorf("Plural-Forms: unknown field %q", strings.TrimSpace(key))
		}
	}
	if !haveN {
		return r, fmt.Errorf("Plural-Forms: missing nplurals")
	}
	if !haveExpr {
		return r, fmt.Errorf("Plural-Forms: missing plural")
	}
	e, err := parseExpr(expr)
	if err != nil {
		return r, fmt.Errorf("Plural-Forms: plural=%s: %v", strings.TrimSpace(expr), err)
	}
	r.expr = e
	return r, nil
}

// node is a plural expression, evaluated for n with int64 arithmetic.
type node interface{ eval(n int64) int64 }

type varN struct{}

func (varN) eval(n int64) int64 { return n }

type lit int64

func (l lit) eval(int64) int64 { return int64(l) }

type not struct{ x node }

func (e *not) eval(n int64) int64 { return b2i(e.x.eval(n) == 0) }

type cond struct{ c, t, f node }

func (e *cond) eval(n int64) int64 {
	if e.c.eval(n) != 0 {
		return e.t.eval(n)
	}
	return e.f.eval(n)
}

type binOp struct {
	op   string
	l, r node
}

func (e *binOp) eval(n int64) int64 {
	switch e.op {
	case "&&":
		return b2i(e.l.eval(n) != 0 && e.r.eval(n) != 0)
	case "||":
		return b2i(e.l.eval(n) != 0 || e.r.eval(n) != 0)
	}
	a, b := e.l.eval(n), e.r.eval(n)
	switch e.op {
	case "*":
		return a * b
	case "/":
		if b == 0 || a == -1<<63 && b == -1 {
			return 0
		}
		return a / b
	case "%":
		if b == 0 || b == -1 {
			return 0
		}
		return a % b
	case "+":
		return a + b
	case "-":
		return a - b
	case "<":
		return b2i(a < b)
	case "<=":
		return b2i(a <= b)
	case ">":
		return b2i(a > b)
	case ">=":
		return b2i(a >= b)
	case "==":
		return b2i(a == b)
	case "!=":
		return b2i(a != b)
	}
	panic("gettext: unknown operator " + e.op)
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// maxDepth bounds the expression's nesting, so a hostile header cannot
// exhaust the stack.
const maxDepth = 500

// exprParser is a recursive-descent parser of gettext's C subset, with
// C's precedence (lowest first): ?: (right-associative), ||, &&, == !=,
// < <= > >=, + -, * / %, unary !.
type exprParser struct {
	toks  []string
	pos   int
	depth int
}

// levels are the binary operators by precedence, lowest first.
var levels = [][]string{{"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/", "%"}}

func parseExpr(s string) (node, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks}
	e, err := p.ternary()
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.toks) {
		return nil, fmt.Errorf("unexpected %q", p.toks[p.pos])
	}
	return e, nil
}

func tokenize(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case c == 'n':
			if i+1 < len(s) && isIdent(s[i+1]) {
				return nil, fmt.Errorf("unknown name at %q", s[i:])
			}
			toks = append(toks, "n")
			i++
		default:
			if i+1 < len(s) {
				switch two := s[i : i+2]; two {
				case "<=", ">=", "==", "!=", "&&", "||":
					toks = append(toks, two)
					i += 2
					continue
				}
			}
			if strings.IndexByte("()!*/%+-<>?:", c) < 0 {
				return nil, fmt.Errorf("unexpected character %q", c)
			}
			toks = append(toks, string(c))
			i++
		}
	}
	return toks, nil
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *exprParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *exprParser) ternary() (node, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, fmt.Errorf("expression nested too deeply")
	}
	defer func() { p.depth-- }()
	c, err := p.binary(0)
	if err != nil || p.peek() != "?" {
		return c, err
	}
	p.pos++
	t, err := p.ternary()
	if err != nil {
		return nil, err
	}
	if p.peek() != ":" {
		return nil, p.expected("':'")
	}
	p.pos++
	f, err := p.ternary()
	if err != nil {
		return nil, err
	}
	return &cond{c, t, f}, nil
}

func (p *exprParser) binary(level int) (node, error) {
	if level == len(levels) {
		return p.unary()
	}
	l, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op := p.peek()
		found := false
		for _, o := range levels[level] {
			found = found || o == op
		}
		if !found {
			return l, nil
		}
		p.pos++
		r, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		l = &binOp{op: op, l: l, r: r}
	}
}

func (p *exprParser) unary() (node, error) {
	if p.depth++; p.depth > maxDepth {
		return nil, fmt.Errorf("expression nested too deeply")
	}
	defer func() { p.depth-- }()
	switch t := p.peek(); {
	case t == "!":
		p.pos++
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &not{x}, nil
	case t == "(":
		p.pos++
		x, err := p.ternary()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, p.expected("')'")
		}
		p.pos++
		return x, nil
	case t == "n":
		p.pos++
		return varN{}, nil
	case t != "" && t[0] >= '0' && t[0] <= '9':
		v, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("number %s out of range", t)
		}
		p.pos++
		return lit(v), nil
	}
	return nil, p.expected("n, a number, '!' or '('")
}

func (p *exprParser) expected(what string) error {
	if t := p.peek(); t != "" {
		return fmt.Errorf("expected %s, found %q", what, t)
	}
	return fmt.Errorf("expected %s at end of expression", what)
}
