package parser

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reuseMismatch parses src with the lexer's token block reused and
// overwritten between tags (see lex.reuseTokens) and without reuse, under
// each option set, and describes the first difference in the trees or
// errors: a difference means the parser read a tag's tokens after it let
// them go.
func reuseMismatch(src string) string {
	sets := [][]Option{
		nil,
		{WithPongo2Syntax()},
		{WithTrimBlocks(), WithLStripBlocks()},
		{WithBlockTag("box", "middle"), WithBlockTags(map[string][]string{"frame": nil})},
	}
	for _, opts := range sets {
		keep, keepErr := Parse("reuse.html", src, append(opts, func(o *options) { o.keepTokens = true })...)
		poison, poisonErr := Parse("reuse.html", src, append(opts, func(o *options) { o.poisonTokens = true })...)
		if (keep == nil) != (poison == nil) {
			return "one tree is nil"
		}
		if keep != nil {
			if k, p := Dump(keep, true), Dump(poison, true); k != p {
				return "trees differ:\n" + k + "\nwith reuse:\n" + p
			}
		}
		if (keepErr == nil) != (poisonErr == nil) || keepErr != nil && keepErr.Error() != poisonErr.Error() {
			return "errors differ: " + errString(keepErr) + "\nwith reuse: " + errString(poisonErr)
		}
		// A pool's blocks, used by another template before.
		var pool Pool
		pool.Parse("before.html", poolWarmup, opts...)
		pooled, pooledErr := pool.Parse("reuse.html", src, opts...)
		if (keep == nil) != (pooled == nil) || keep != nil && Dump(keep, true) != Dump(pooled, true) {
			return "trees differ with a pool"
		}
		if (keepErr == nil) != (pooledErr == nil) || keepErr != nil && keepErr.Error() != pooledErr.Error() {
			return "errors differ: " + errString(keepErr) + "\nwith a pool: " + errString(pooledErr)
		}
	}
	return ""
}

// poolWarmup is a template that fills a pool's blocks before the parse
// that reuseMismatch checks.
var poolWarmup = strings.Repeat(`{% for a in b %}{% if a.c|length > 2 %}{{ a.d|default:"x" }} text {% endif %}{% endfor %}{% include "x.html" with a=1 %}`, 40)

func errString(err error) string {
	if err == nil {
		return "none"
	}
	return err.Error()
}

// TestTokenReuse checks that reusing the token block gives the parse it
// gives without reuse, on every template of the repository's testdata
// (the golden templates, their error cases, and the templates of the
// render, loader and lint tests, whatever the file).
func TestTokenReuse(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		src := string(b)
		if !strings.Contains(src, "{") {
			return nil
		}
		n++
		if m := reuseMismatch(src); m != "" {
			t.Errorf("%s: %s", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"{% if a %}x{% elif b|f:1 %}y{% else %}z{% endif %}",
		"{% for a in b %}{% empty %}{% endfor %}{% for x in y reversed %}{{ x }}{% endfor %}",
		"{% box 1 2 %}a{% middle x %}b{% endbox %}{% frame %}{% endframe %}",
		"{% block a %}{% endblock b %}{% endif %}{% elif %}",
		"{% verbatim x %}{{ }}{% endverbatim x %}{% comment %}{% endcomment %}",
		"{% if %}{% for %}{% with %}{% endwith %}",
		"{{ a|default:'x' }}{{ 'unclosed }}{% cycle a b as c silent %}{% ifchanged a %}{% else %}{% endifchanged %}",
		"{%- if a -%} x {%- endif -%}{{- a -}}",
	} {
		n++
		if m := reuseMismatch(src); m != "" {
			t.Errorf("%q: %s", src, m)
		}
	}
	t.Logf("%d templates", n)
}

// TestTagParserExprAfterBody: a tag parser that parses its own arguments
// and its end tag's after reading its body (which lexes the tags inside
// it, over the memory of the tag's tokens) gets the same expressions with
// the tokens reused and poisoned as with them kept.
func TestTagParserExprAfterBody(t *testing.T) {
	type parsed struct{ arg, endArg string }
	parse := func(n *TagNode, r *TagReader) (any, error) {
		if _, _, err := r.Until("endlate"); err != nil {
			return nil, err
		}
		arg, err := r.Expr(n.Tokens)
		if err != nil {
			return nil, err
		}
		endArg, err := r.Expr(n.EndTag.Tokens)
		if err != nil {
			return nil, err
		}
		return parsed{dumpExpr(arg), dumpExpr(endArg)}, nil
	}
	src := `{% late user.name|upper %}{% for x in xs %}{{ x.a.b }}{% if y %}{{ z|f:"q" }}{% endif %}{% endfor %}{% endlate other.thing %}`
	var got []any
	for _, opt := range []Option{func(o *options) { o.keepTokens = true }, func(o *options) { o.poisonTokens = true }} {
		tpl, err := Parse("late.html", src, WithTagParser("late", parse), opt)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tpl.Body[0].(*TagNode).Parsed)
	}
	if got[0] != got[1] {
		t.Errorf("kept tokens:\n%v\nreused tokens:\n%v", got[0], got[1])
	}
	if p := got[0].(parsed); !strings.Contains(p.arg, "upper") || !strings.Contains(p.endArg, "thing") {
		t.Errorf("unexpected expressions: %+v", p)
	}
}
