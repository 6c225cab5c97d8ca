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
	var order []string
	for i, o := range f.Order {
		if o.Pos != f.Stateful[i] || o.Why == "" {
			t.Errorf("Order[%d] = %+v, at %v in Stateful", i, o, f.Stateful[i])
		}
		order = append(order, o.Tag)
	}
	if diff := cmp.Diff([]string{"import", "cycle", "ifchanged", "set"}, order); diff != "" {
		t.Errorf("Order (-want +got):\n%s", diff)
	}
}

// TestInPlace checks which nodes wait in place because of an
// order-dependent node in their body, and that they name it.
func TestInPlace(t *testing.T) {
	res, err := compile(t, `{% for a in as %}{% for b in bs %}{% cycle "x" "y" %}{% endfor %}{% endfor %}
{% for c in cs %}{{ c }}{% endfor %}{% if d %}{% firstof e f as g %}{% endif %}{% for h in hs %}{% with i=h %}{{ i }}{% endwith %}{% endfor %}
{% ifequal j k %}{% regroup l by m as n %}{% endifequal %}`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Facts.InPlace {
		got = append(got, fmt.Sprintf("%s@%d:%d because of %s@%d:%d", p.Tag, p.Pos.Line, p.Pos.Column, p.Cause.Tag, p.Cause.Pos.Line, p.Cause.Pos.Column))
	}
	want := []string{
		"for@1:18 because of cycle@1:35",
		"for@1:1 because of cycle@1:35",
		"if@2:37 because of firstof … as@2:47",
		"ifequal@3:1 because of regroup@3:18",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("InPlace (-want +got):\n%s", diff)
	}
}

// TestCompileErrors checks that compile errors are positioned and all
// reported.
func TestCompileErrors(t *testing.T) {
	for _, tt := range []struct{ src, want, code string }{
		{"{{ x|nope }}", `t.html:1:6: unknown filter "nope"`, compiler.CodeUnknownFilter},
		{"{{ x|upper:1 }}", `t.html:1:6: filter "upper" takes no argument`, compiler.CodeFilterArg},
		{"{{ x|default }}", `t.html:1:6: filter "default" needs an argument: write default:value`, compiler.CodeFilterArg},
		{"\n  {% mytag %}", `t.html:2:3: unknown tag {% mytag %}`, compiler.CodeUnknownTag},
		{"{% load nope %}", `t.html:1:1: {% load nope %}: "nope" is not a registered tag library`, compiler.CodeLoadUnknown},
		{"{% resetcycle %}", `t.html:1:1: {% resetcycle %}: no {% cycle %} before it`, compiler.CodeResetcycleUnknown},
		{"{% resetcycle c %}", `t.html:1:1: {% resetcycle c %}: no cycle named "c" before it`, compiler.CodeResetcycleUnknown},
		{"{% macro m() %}{% endmacro %}{% macro m() %}{% endmacro %}", `t.html:1:30: {% macro m %} is defined twice`, ""},
		{"{{ a|nope }}{{ b|nope2 }}", "t.html:1:6: unknown filter \"nope\"\nt.html:1:18: unknown filter \"nope2\"", compiler.CodeUnknownFilter},
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
		if list[0].Code != tt.code {
			t.Errorf("%q: Code %q, want %q", tt.src, list[0].Code, tt.code)
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
