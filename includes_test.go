package braid

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// stateByParse is includedState as it was before the prefilter and the
// memo: every template parsed, every time. TestIncludedStateAgrees holds
// includedState to its answers.
func (e *Engine) stateByParse(name, from string, depth int, seen map[string]bool) string {
	if depth > maxIncludeLook || e.loader == nil {
		return ""
	}
	resolved, src, err := e.loader.Source(name, from)
	if err != nil || seen[resolved] {
		return ""
	}
	seen[resolved] = true
	t, _ := parser.Parse(resolved, src, e.copts.ParseOptions()...)
	if t == nil {
		return ""
	}
	found := ""
	parser.Walk(t.Body, func(n parser.Node) bool {
		if found != "" {
			return false
		}
		at := func(tag string, off parser.Pos) string {
			p := t.Position(off)
			return fmt.Sprintf("%s (%s:%d:%d)", tag, p.Filename, p.Line, p.Column)
		}
		switch n := n.(type) {
		case *parser.IfChangedNode:
			found = at("{% ifchanged %}", n.Pos)
		case *parser.CycleNode:
			found = at("{% cycle %}", n.Pos)
		case *parser.TagNode:
			if e.statefulTag(n.Name) {
				found = at("{% "+n.Name+" %}", n.Pos)
			}
		case *parser.IncludeNode:
			if lit, ok := n.Template.(*parser.StringLit); ok {
				found = e.stateByParse(lit.Value, resolved, depth+1, seen)
			}
		case *parser.ExtendsNode:
			if lit, ok := n.Parent.(*parser.StringLit); ok {
				found = e.stateByParse(lit.Value, resolved, depth+1, seen)
			}
		}
		return true
	})
	return found
}

// TestIncludedStateAgrees checks includedState (prefilter and memo)
// against parsing every template every time, for every pair of
// templates, before and after the sources change (as hot reload sees
// them change).
func TestIncludedStateAgrees(t *testing.T) {
	files := fstest.MapFS{
		"plain.html":    {Data: []byte(`<p>{{ x }}</p>{% if a %}b{% endif %}`)},
		"cycle.html":    {Data: []byte("a\n  {% cycle 'x' 'y' %}")},
		"changed.html":  {Data: []byte(`{% for i in l %}{% ifchanged i %}{{ i }}{% endifchanged %}{% endfor %}`)},
		"outer.html":    {Data: []byte(`<{% include "plain.html" %}{% include "cell.html" %}>`)},
		"cell.html":     {Data: []byte(`{% include "cycle.html" %}`)},
		"loop.html":     {Data: []byte(`{% include "loop2.html" %}{% cycle 1 2 %}`)},
		"loop2.html":    {Data: []byte(`{% include "loop.html" %}`)},
		"child.html":    {Data: []byte(`{% extends "changed.html" %}`)},
		"dynamic.html":  {Data: []byte(`{% include name %}{% include "missing.html" %}`)},
		"custom.html":   {Data: []byte(`x{% stamp %}y{% endstamp %}`)},
		"words.html":    {Data: []byte(`cycle and include and ifchanged, written as text; {% verbatim %}{% cycle a b %}{% endverbatim %}{# {% cycle a %} #}`)},
		"relative.html": {Data: []byte(`{% include "./cell.html" %}`)},
		"dir/rel.html":  {Data: []byte(`{% include "../changed.html" %}`)},
	}
	e := New(WithFS(files), WithTag("stamp", compiler.BlockTag{
		Body: true, Stateful: true,
		Compile: func(call *compiler.TagCall) (render.Node, error) { return render.Text(""), nil },
	}))
	check := func(when string) {
		t.Helper()
		for from := range files {
			for name := range files {
				got := e.includedState(name, from)
				want := e.stateByParse(name, from, 0, map[string]bool{})
				if got != want {
					t.Errorf("%s: includedState(%q, %q) = %q, want %q", when, name, from, got, want)
				}
			}
		}
	}
	check("first")
	check("memoised")
	files["plain.html"] = &fstest.MapFile{Data: []byte(`{% ifchanged %}x{% endifchanged %}`)}
	files["cycle.html"] = &fstest.MapFile{Data: []byte(`no longer`)}
	files["words.html"] = &fstest.MapFile{Data: []byte(`{% stamp %}{% endstamp %}`)}
	check("changed")
	if got := e.includedState("outer.html", ""); got != "{% ifchanged %} (plain.html:1:1)" {
		t.Errorf("outer.html after the change: %q", got)
	}
}

// TestStateFactsAllocs checks that a template whose source names no
// order-dependent tag, and one already parsed, cost includedState no
// allocation beyond reading the source.
func TestStateFactsAllocs(t *testing.T) {
	e := New()
	plain := `<p>{{ x }}</p>{% if a %}b{% endif %}`
	if a := testing.AllocsPerRun(100, func() { e.stateFacts("plain.html", plain) }); a != 0 {
		t.Errorf("without a parse: %.0f allocations, want 0", a)
	}
	cycle := `{% cycle a b %}{% include "x.html" %}`
	if items := e.stateFacts("cycle.html", cycle); len(items) != 2 {
		t.Fatalf("cycle.html: %+v", items)
	}
	if a := testing.AllocsPerRun(100, func() { e.stateFacts("cycle.html", cycle) }); a != 0 {
		t.Errorf("remembered: %.0f allocations, want 0", a)
	}
}
