package parser

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/parser")

// golden lists testdata/parser/*.tpl.
func golden(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.tpl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden templates: %v", err)
	}
	return files
}

// errorReport is how a golden .err file shows a parse's errors: each
// error's one-line form and its snippet.
func errorReport(err error) string {
	var list ErrorList
	if !errors.As(err, &list) {
		return "not an ErrorList: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error() + "\n" + e.Snippet() + "\n")
	}
	return b.String()
}

// TestGolden parses each testdata/parser/NAME.tpl and compares the AST dump
// with NAME.ast or the errors with NAME.err; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, path := range golden(t) {
		base := strings.TrimSuffix(path, ".tpl")
		name := filepath.Base(base)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := Parse(name+".tpl", string(src))
			got, ext, stale := "", ".ast", ".err"
			if err != nil {
				got, ext, stale = errorReport(err), ".err", ".ast"
			} else {
				got = Dump(tpl, true)
			}
			if *update {
				os.Remove(base + stale)
				if err := os.WriteFile(base+ext, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(base + ext)
			if rerr != nil {
				t.Fatalf("parse gave %s output but %s%s is missing (run go test ./parser -update): %v\n%s", ext, name, ext, rerr, got)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s%s mismatch (-want +got):\n%s", name, ext, diff)
			}
		})
	}
}

// TestRoundTrip checks Parse(Print(Parse(s))) == Parse(s) for every
// golden template that parses.
func TestRoundTrip(t *testing.T) {
	n := 0
	for _, path := range golden(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if checkRoundTrip(t, filepath.Base(path), string(src)) {
			n++
		}
	}
	t.Logf("%d templates round-tripped", n)
	if n == 0 {
		t.Fatal("no golden template parsed")
	}
}

// checkRoundTrip reports whether src parsed; if it did, it checks that its
// printed form parses to the same tree.
func checkRoundTrip(t testing.TB, name, src string) bool {
	t.Helper()
	tpl, err := Parse(name, src)
	if err != nil {
		return false
	}
	printed := Print(tpl)
	again, err := Parse(name, printed)
	if err != nil {
		t.Fatalf("%s: printed form does not parse: %v\nprinted:\n%s", name, err, printed)
	}
	if diff := cmp.Diff(Dump(tpl, false), Dump(again, false)); diff != "" {
		t.Fatalf("%s: round trip changed the tree (-first +second):\n%s\nprinted:\n%s", name, diff, printed)
	}
	return true
}

// TestArgumentParens checks where a "(" belongs in a tag's space-separated
// arguments: after whitespace it opens the next argument, right after a
// value it calls that value; inside brackets and in the expressions of
// {{ }}, if and with, f (x) is a call (pongo2). The printed form must
// read back as the same tree.
func TestArgumentParens(t *testing.T) {
	tests := []struct{ src, printed string }{
		{`{% cycle "a" (x) %}`, `{% cycle "a" x %}`},
		{`{% cycle "a"(x) %}`, `{% cycle "a"(x) %}`},
		{`{% cycle "000" (0).A000 %}`, `{% cycle "000" (0).A000 %}`},
		{`{%cycle'000'0.A000%}`, `{% cycle "000" 0.A000 %}`},
		{`{% cycle a (b + c) (d)(e) %}`, `{% cycle a (b + c) d(e) %}`},
		{`{% cycle a ((b) (c)) %}`, `{% cycle a b(c) %}`},
		{"{% cycle a\n(b) %}", `{% cycle a b %}`},
		{`{% firstof a (b) %}`, `{% firstof a b %}`},
		{`{% url "r" (1) %}`, `{% url "r" 1 %}`},
		{`{% url "r"(1) %}`, `{% url "r"(1) %}`},
		{`{% url "r" k=f (x) %}`, `{% url "r" k=f x %}`},
		{`{% url "r" k=a * (b + 1) %}`, `{% url "r" k=a * (b + 1) %}`},
		{`{% querystring a (b) %}`, `{% querystring a b %}`},
		{`{{ f (x) }}`, `{{ f(x) }}`},
		{`{% if f (x) %}{% endif %}`, `{% if f(x) %}{% endif %}`},
		{`{% with y=f (x) %}{% endwith %}`, `{% with y=f(x) %}{% endwith %}`},
	}
	for _, tt := range tests {
		tpl, err := Parse("t.html", tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if got := Print(tpl); got != tt.printed {
			t.Errorf("Print(%s) = %s, want %s", tt.src, got, tt.printed)
		}
		checkRoundTrip(t, "t.html", tt.src)
	}
	// A custom tag reads its arguments the same way.
	for src, want := range map[string]int{`{% my_tag "a" (x) f(y) %}`: 3, `{% my_tag "a"(x) %}`: 1} {
		tpl, err := Parse("t.html", src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		args, err := tpl.Body[0].(*TagNode).Arguments()
		if err != nil || len(args.Args) != want {
			t.Errorf("%s: Arguments() = %v, %v; want %d arguments", src, args, err, want)
		}
	}
}

// TestWhitespaceControl checks {%- -%} and {{- -}} with the option, and
// that without it "{{-1}}" is minus one, as in Django.
func TestWhitespaceControl(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"a  {%- if x -%}  b  {%- endif -%}  c", `a{% if x %}b{% endif %}c`},
		{"a \n {{- x -}} \n b", `a{{ x }}b`},
		{"a {{ x -}} b {{- y }} c", `a {{ x }}b{{ y }} c`},
		{"a {# -#} b", `a {# -#} b`},
	} {
		tpl, err := Parse("t", tt.src, WithWhitespaceControl())
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if got := Print(tpl); got != tt.want {
			t.Errorf("%q: %q, want %q", tt.src, got, tt.want)
		}
	}
	tpl, err := Parse("t", "{{-1}}")
	if err != nil || Print(tpl) != "{{ -1 }}" {
		t.Errorf("without the option: %v %q", err, Print(tpl))
	}
}

// TestPongo2Names checks that with WithPongo2Syntax a word that begins
// with digits and has a letter or "_" is a name, and without it a number.
func TestPongo2Names(t *testing.T) {
	for _, tt := range []struct {
		src    string
		pongo2 string
		django string
	}{
		{"{{ d.51232_3 }}", `{{ d.51232_3 }}`, ""},
		{"{{ 995189baz }}", `{{ 995189baz }}`, ""},
		{"{{ 12345_123 }}", `{{ 12345_123 }}`, `{{ 12345123 }}`},
		{"{{ 12 }}", `{{ 12 }}`, `{{ 12 }}`},
	} {
		tpl, err := Parse("t", tt.src, WithPongo2Syntax())
		if err != nil || Print(tpl) != tt.pongo2 {
			t.Errorf("pongo2 %q: %v %q", tt.src, err, Print(tpl))
		}
		if _, num := tpl.Body[0].(*OutputNode).Expr.(*NumberLit); num != (tt.pongo2 == "{{ 12 }}") {
			t.Errorf("pongo2 %q: a number: %v", tt.src, num)
		}
		if tt.django == "" {
			continue
		}
		tpl, err = Parse("t", tt.src)
		if err != nil || Print(tpl) != tt.django {
			t.Errorf("django %q: %v %q", tt.src, err, Print(tpl))
		}
	}
}

// TestTrimBlocks checks WithTrimBlocks and WithLStripBlocks.
func TestTrimBlocks(t *testing.T) {
	src := "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n{{ y }}\nz"
	for _, tt := range []struct {
		opts []Option
		want string
	}{
		{nil, "<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n{{ y }}\nz"},
		{[]Option{WithTrimBlocks()}, "<ul>\n  {% for x in xs %}  <li>{{ x }}</li>\n  {% endfor %}</ul>\n{{ y }}\nz"},
		{[]Option{WithLStripBlocks()}, "<ul>\n{% for x in xs %}\n  <li>{{ x }}</li>\n{% endfor %}\n</ul>\n{{ y }}\nz"},
		{[]Option{WithTrimBlocks(), WithLStripBlocks()}, "<ul>\n{% for x in xs %}  <li>{{ x }}</li>\n{% endfor %}</ul>\n{{ y }}\nz"},
	} {
		tpl, err := Parse("t", src, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if got := Print(tpl); got != tt.want {
			t.Errorf("%d options: %q, want %q", len(tt.opts), got, tt.want)
		}
	}
}

// TestErrorCodes checks the errors tools tell apart by Code, and that
// the others have none.
func TestErrorCodes(t *testing.T) {
	for _, tt := range []struct{ src, code string }{
		{"caf\xe9", CodeInvalidUTF8},
		{"x{% load a %}{% extends 'b' %}", CodeExtendsFirst},
		{"{% extends 'a' %}{% extends 'b' %}", CodeExtendsFirst},
		{"{% if x %}{% extends 'b' %}{% endif %}", CodeExtendsFirst},
		{"{% block a %}{% endblock %}{% block a %}{% endblock %}", CodeBlockDuplicate},
		{"{% block a %}{% endblock b %}", CodeEndblockMismatch},
		{"{% if %}{% endif %}", ""},
		{"{% endfor %}", ""},
	} {
		_, err := Parse("t.html", tt.src)
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%q: %v", tt.src, err)
		}
		var codes []string
		for _, e := range list {
			codes = append(codes, e.Code)
		}
		if !slices.Contains(codes, tt.code) || tt.code == "" && slices.ContainsFunc(codes, func(c string) bool { return c != "" }) {
			t.Errorf("%q: codes %q, want %q", tt.src, codes, tt.code)
		}
	}
}

// TestWalk checks that Walk reaches the nodes inside every kind of body.
func TestWalk(t *testing.T) {
	src := `{% if a %}{% for x in l %}{{ x }}{% empty %}{% ifchanged %}e{% endifchanged %}{% endfor %}{% elif b %}{% cycle 1 2 %}{% else %}{% with y=1 %}{% block k %}{% include "i" %}{% endblock %}{% endwith %}{% endif %}`
	tpl, err := Parse("t", src)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	Walk(tpl.Body, func(n Node) bool {
		kinds = append(kinds, fmt.Sprintf("%T", n))
		return true
	})
	want := "[*parser.IfNode *parser.ForNode *parser.OutputNode *parser.IfChangedNode *parser.TextNode *parser.CycleNode *parser.WithNode *parser.BlockNode *parser.IncludeNode]"
	if got := fmt.Sprint(kinds); got != want {
		t.Errorf("%s\nwant %s", got, want)
	}
}
