package parser

import (
	"fmt"
	"os"
	"slices"
	"testing"
)

// quickMismatch returns a description of the first expression in src for
// which quickExpr's tree differs from the grammar's, or "".
func quickMismatch(name, src string) string {
	l := newLexer(name, src)
	l.run()
	for i := range l.segs {
		seg := l.segs[i]
		if seg.bad || (seg.kind != segVar && seg.kind != segTag) {
			continue
		}
		toks := seg.toks
		if seg.kind == segTag {
			_, toks = tagName(seg)
		}
		text := src[int(seg.pos):int(seg.end)]
		if name, _ := tagName(seg); name == "for" && seg.kind == segTag {
			if m := quickForMismatch(text, toks); m != "" {
				return m
			}
		}
		x, ok := quickExpr(toks, DefaultMaxDepth)
		if !ok {
			continue
		}
		b := &builder{name: name, src: src, opts: &options{maxDepth: DefaultMaxDepth}}
		v, err := exprGrammar.parse(toks)
		if err != nil {
			return text + ": quick path accepted what the grammar rejects: " + err.Error()
		}
		y := b.expr(v.X)
		if len(b.errs) > 0 {
			return text + ": quick path accepted what the grammar reports: " + b.errs[0].Error()
		}
		if dx, dy := dumpExpr(x), dumpExpr(y); dx != dy {
			return text + ": quick path tree\n" + dx + "grammar tree\n" + dy
		}
	}
	return ""
}

// quickForMismatch checks quickForArgs on a for tag's arguments against
// the grammar's reading of them.
func quickForMismatch(text string, toks []token) string {
	vars, seq, ok := quickForArgs(toks, DefaultMaxDepth, &exprSlabs{})
	if !ok {
		return ""
	}
	b := &builder{name: "q.html", opts: &options{maxDepth: DefaultMaxDepth}}
	a, err := forGrammar.parse(toks)
	if err != nil {
		return text + ": quick for accepted what the grammar rejects: " + err.Error()
	}
	y := b.expr(a.Seq)
	if len(b.errs) > 0 {
		return text + ": quick for accepted what the grammar reports: " + b.errs[0].Error()
	}
	if !slices.Equal(vars, a.Vars) || len(a.Opts) > 0 {
		return fmt.Sprintf("%s: quick for read %q, the grammar %q %q", text, vars, a.Vars, a.Opts)
	}
	if dx, dy := dumpExpr(seq), dumpExpr(y); dx != dy {
		return text + ": quick for tree\n" + dx + "grammar tree\n" + dy
	}
	return ""
}

func dumpExpr(x Expr) string {
	return Dump(&Template{Body: []Node{&OutputNode{Expr: x}}}, true)
}

// TestQuickMatchesGrammar: wherever the fast path accepts an expression,
// its tree, positions included, is the grammar's.
func TestQuickMatchesGrammar(t *testing.T) {
	srcs := []string{
		`{{ a }}{{ a.b.0.c }}{{ "s" }}{{ 'it\'s' }}{{ 42 }}{{ True }}{{ none }}{{ a|upper }}`,
		`{{ a | default : "x" | upper }}{{ x|add:-1 }}{{ x|add:+2 }}{{ x|default:y.z }}`,
		"{{ a\n.b\t|\nf:1 }}{% if user.is_authenticated %}{% elif x.0 %}{% endif %}{% extends base %}",
		`{{ x|f:"unterminated }}{{ _x }}{{ a._b }}{{ -1|abs }}{{ 1.5 }}{{ a."s" }}{{ a|f:-x }}`,
		`{% for x in y %}{% for k, v in d.items|dictsort:"k" %}{% for a,b , c in z %}{% for x in reversed %}{% for in in in %}`,
		`{% for x in y reversed %}{% for x, in y %}{% for x y in z %}{% for x in %}{% for x in "s" %}{% for x in 1 %}{% for x not in y %}`,
		`{% for x in a.0.b %}{% for x in f(y) %}{% for x in y|f:(z) %}{% for _x in y %}{% for x in _y %}{% for True in y %}`,
	}
	for _, path := range golden(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(src))
	}
	for _, src := range srcs {
		if m := quickMismatch("q.html", src); m != "" {
			t.Error(m)
		}
	}
}
