package braid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	brender "github.com/braidtpl/braid/render"
)

// pickNode renders the part of {% pick n %}…{% or %}…{% endpick %} that n
// chooses (0 the first), the last part for a larger n.
type pickNode struct {
	n     brender.Expr
	parts []brender.Nodes
}

func (p pickNode) Render(s *brender.State, out *brender.Out) error {
	v, err := compiler.Eval(s, p.n)
	if err != nil {
		return err
	}
	i, _ := brender.ToInt(v)
	return p.parts[min(max(int(i), 0), len(p.parts)-1)].Render(s, out)
}

// pickTag reads its body with BlockTag.Parse: as many {% or %} parts as
// the template has, and an optional closing word on {% endpick %} that
// its argument names ({% pick n until done %} … {% done %}).
var pickTag = braid.BlockTag{
	Parse: func(n *parser.TagNode, r *parser.TagReader) (any, error) {
		end := "endpick"
		toks := n.Tokens
		if len(toks) == 3 && toks[1].Text == "until" {
			end, toks = toks[2].Text, toks[:1]
		}
		x, err := r.Expr(toks)
		if err != nil {
			return nil, err
		}
		for {
			_, stop, err := r.Until("or", end)
			if err != nil {
				return nil, err
			}
			if stop.Name == end {
				return x, nil
			}
		}
	},
	Compile: func(call *braid.TagCall) (brender.Node, error) {
		p := pickNode{n: call.Expr(call.Node.Parsed.(parser.Expr)), parts: []brender.Nodes{call.Nodes(call.Node.Body)}}
		for _, c := range call.Node.Clauses {
			p.parts = append(p.parts, call.Nodes(c.Body))
		}
		return p, nil
	},
}

// TestBlockTagParse checks a tag that reads its own body at parse time
// (BlockTag.Parse, parser.TagReader): parts divided by tags it chooses,
// an end tag its arguments name, expressions of its tokens, nesting, and
// the errors of a body never closed or an expression that does not parse.
func TestBlockTagParse(t *testing.T) {
	eng := braid.New(braid.WithTag("pick", pickTag))
	for _, tt := range []struct{ src, want string }{
		{`{% pick 0 %}a{% or %}b{% endpick %}`, "a"},
		{`{% pick n %}a{% or %}b{% or %}c{% endpick %}!`, "c!"},
		{`{% pick n|add:-2 %}{% pick 1 %}x{% or %}{{ n }}{% endpick %}{% or %}b{% endpick %}`, "2"},
		{`{% pick 1 until done %}a{% or %}b{% done %}`, "b"},
		{`{% for i in "012" %}{% pick i %}a{% or %}b{% or %}c{% endpick %}{% endfor %}`, "abc"},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		out, err := tpl.RenderString(context.Background(), map[string]any{"n": 2})
		if err != nil || out != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, out, err, tt.want)
		}
	}
	for _, tt := range []struct{ src, want string }{
		{`{% pick 0 %}a{% or %}b`, "{% pick %} is never closed: expected {% endpick %}"},
		{`{% pick 0 until done %}a{% endpick %}`, "{% pick %} is never closed"},
		{`{% pick (1 %}a{% endpick %}`, `expected ")" to close`},
		{`{% or %}`, "unknown tag {% or %}"},
	} {
		_, err := eng.FromString(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want an error with %q", tt.src, err, tt.want)
		}
	}
	if err := braid.New(braid.WithTag("x", braid.BlockTag{Body: true, Parse: pickTag.Parse, Compile: pickTag.Compile})).Err(); err == nil {
		t.Error("a tag with both Parse and Body")
	}
	// The tree prints back as it was written.
	tree, err := parser.Parse("t", `{% pick 1 until done %}a{% or %}b{% done %}`, parser.WithTagParser("pick", pickTag.Parse))
	if err != nil || parser.Print(tree) != `{% pick 1 until done %}a{% or %}b{% done %}` {
		t.Errorf("printed: %q, %v", parser.Print(tree), err)
	}
}
