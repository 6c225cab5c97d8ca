package compiler_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/parser"
	"github.com/google/go-cmp/cmp"
)

func compile(t testing.TB, src string) (*compiler.Result, error) {
	t.Helper()
	tpl, err := parser.Parse("t.html", src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return compiler.Compile(tpl, src, compiler.Options{Filters: filters.Builtins()})
}

// TestFacts checks the static facts the loader and the linter use.
func TestFacts(t *testing.T) {
	res, err := compile(t, `{% extends "base.html" %}{% block a %}
{% include "x.html" %}{% include name %}{% import "m.html" card %}
{% for item in items %}{{ item.title }}{{ forloop.counter }}{{ outer }}{% endfor %}
{% with v=w %}{{ v }}{% endwith %}{% cycle "a" "b" %}{% ifchanged %}x{% endifchanged %}{% set s = 1 %}
{{ card("x") }}{% endblock %}`)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facts
	refs := func(rs []compiler.Ref) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s@%d:%d", r.Name, r.Pos.Line, r.Pos.Column))
		}
		return out
	}
	if f.Extends == nil || f.Extends.Name != "base.html" {
		t.Errorf("Extends = %+v", f.Extends)
	}
	if diff := cmp.Diff([]string{"x.html@2:1"}, refs(f.Includes)); diff != "" {
		t.Errorf("Includes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"m.html@2:41"}, refs(f.Imports)); diff != "" {
		t.Errorf("Imports (-want +got):\n%s", diff)
	}
	if len(f.Dynamic) != 1 || f.Dynamic[0].Column != 23 {
		t.Errorf("Dynamic = %v, want the include at 2:23", f.Dynamic)
	}
	if diff := cmp.Diff([]string{"items", "name", "outer", "w"}, f.Variables); diff != "" {
		t.Errorf("Variables (-want +got):\n%s", diff)
	}
	if len(f.Stateful) != 4 {
		t.Errorf("Stateful = %v, want import, cycle, ifchanged and set", f.Stateful)
	}
}

// TestCompileErrors checks that compile errors are positioned and all
// reported.
func TestCompileErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"{{ x|nope }}", `t.html:1:6: unknown filter "nope"`},
		{"{{ x|upper:1 }}", `t.html:1:6: filter "upper" takes no argument`},
		{"{{ x|default }}", `t.html:1:6: filter "default" needs an argument: write default:value`},
		{"\n  {% mytag %}", `t.html:2:3: unknown tag {% mytag %}`},
		{"{% load nope %}", `t.html:1:1: {% load nope %}: "nope" is not a registered tag library`},
		{"{% resetcycle %}", `t.html:1:1: {% resetcycle %}: no {% cycle %} before it`},
		{"{% resetcycle c %}", `t.html:1:1: {% resetcycle c %}: no cycle named "c" before it`},
		{"{% macro m() %}{% endmacro %}{% macro m() %}{% endmacro %}", `t.html:1:30: {% macro m %} is defined twice`},
		{"{{ a|nope }}{{ b|nope2 }}", "t.html:1:6: unknown filter \"nope\"\nt.html:1:18: unknown filter \"nope2\""},
	} {
		_, err := compile(t, tt.src)
		var list parser.ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%q: err = %v, want an ErrorList", tt.src, err)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
		if !strings.Contains(list[0].Snippet(), "^") {
			t.Errorf("%q: snippet without a caret: %q", tt.src, list[0].Snippet())
		}
	}
}

func ExampleCompile() {
	src := `{% extends "base.html" %}{% block body %}{% include "row.html" %}{{ user.name|upper }}{% endblock %}`
	tpl, err := parser.Parse("page.html", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := compiler.Compile(tpl, src, compiler.Options{Filters: filters.Builtins()})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Facts.Extends.Name, res.Facts.Includes[0].Name, res.Facts.Variables)
	// Output:
	// base.html row.html [user]
}
