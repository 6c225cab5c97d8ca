package pongo2_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	pongo2 "github.com/braidtpl/braid/compat/pongo2"
)

// register registers a tag, or replaces it when an earlier run of the
// test registered it (the registry is global: -count=2).
func register(t *testing.T, name string, fn pongo2.TagParser) {
	t.Helper()
	if err := pongo2.RegisterTag(name, fn); err != nil {
		if err := pongo2.ReplaceTag(name, fn); err != nil {
			t.Fatal(err)
		}
	}
}

// upperNode is {% upper %}…{% endupper %}: its body, upper-cased.
type upperNode struct{ body *pongo2.NodeWrapper }

func (n *upperNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	var b bytes.Buffer
	if err := n.body.Execute(ctx, &b); err != nil {
		return err
	}
	w.WriteString(strings.ToUpper(b.String()))
	return nil
}

// repeatNode is {% repeat n [as name] %}…{% empty %}…{% endrepeat %}: the
// body n times, with name (default "i") bound to the count from 1, or the
// empty part when n is not positive.
type repeatNode struct {
	count       pongo2.IEvaluator
	name        string
	body, empty *pongo2.NodeWrapper
}

func (n *repeatNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	v, err := n.count.Evaluate(ctx)
	if err != nil {
		return err
	}
	if v.Integer() <= 0 {
		if n.empty != nil {
			return n.empty.Execute(ctx, w)
		}
		return nil
	}
	sub := pongo2.NewChildExecutionContext(ctx)
	for i := 1; i <= v.Integer(); i++ {
		sub.Private[n.name] = i
		if err := n.body.Execute(sub, w); err != nil {
			return err
		}
	}
	return nil
}

func parseUpper(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	body, end, err := doc.WrapUntilTag("endupper")
	if err != nil {
		return nil, err
	}
	if end.Count() > 0 {
		return nil, end.Error("endupper takes no arguments", nil)
	}
	return &upperNode{body: body}, nil
}

func parseRepeat(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	n := &repeatNode{name: "i"}
	count, err := args.ParseExpression()
	if err != nil {
		return nil, err
	}
	n.count = count
	if args.Match(pongo2.TokenKeyword, "as") != nil || args.Match(pongo2.TokenIdentifier, "as") != nil {
		name := args.MatchType(pongo2.TokenIdentifier)
		if name == nil {
			return nil, args.Error("expected a name after 'as'", nil)
		}
		n.name = name.Val
	}
	if args.Remaining() > 0 {
		return nil, args.Error("repeat takes a count and 'as name'", nil)
	}
	body, _, err := doc.WrapUntilTag("empty", "endrepeat")
	if err != nil {
		return nil, err
	}
	n.body = body
	if body.Endtag == "empty" {
		if n.empty, _, err = doc.WrapUntilTag("endrepeat"); err != nil {
			return nil, err
		}
	}
	return n, nil
}

type skipNode struct{}

func (skipNode) Execute(*pongo2.ExecutionContext, pongo2.TemplateWriter) *pongo2.Error { return nil }

func parseSkip(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
	if err := doc.SkipUntilTag("endskip"); err != nil {
		return nil, err
	}
	return skipNode{}, nil
}

// TestTagsWithBody checks pongo2 tags that read a body (WrapUntilTag,
// again after an intermediate tag, SkipUntilTag) and expressions of their
// arguments (ParseExpression, followed by more tokens), nested in each
// other and in built-in tags, with Private names seen by the body.
func TestTagsWithBody(t *testing.T) {
	register(t, "upper", parseUpper)
	register(t, "repeat", parseRepeat)
	register(t, "skip", parseSkip)
	for _, tt := range []struct{ src, want string }{
		{`{% upper %}a{{ x }}b{% endupper %}!`, "AXYZB!"},
		{`{% upper %}{% for v in list %}{{ v }},{% endfor %}{% endupper %}`, "A,B,"},
		{`{% repeat 3 %}[{{ i }}]{% endrepeat %}`, "[1][2][3]"},
		{`{% repeat n|add:1 as k %}{{ k }}{% empty %}none{% endrepeat %}`, "123"},
		{`{% repeat 0 %}x{% empty %}none{% endrepeat %}`, "none"},
		{`{% repeat 2 as a %}{% repeat a as b %}{{ a }}{{ b }} {% endrepeat %}{% endrepeat %}`, "11 21 22 "},
		{`{% upper %}{% repeat 2 %}{% if i == 2 %}two{% else %}one{% endif %} {% endrepeat %}{% endupper %}`, "ONE TWO "},
		{`{% skip %}{% nosuchtag %}{{ ((( }}{% endskip %}after`, "after"},
		{`{% repeat slow %}{{ i }}{% endrepeat %}`, "12"},
		{`{% upper %}{{ "<b>" }}{% endupper %}`, "&LT;B&GT;"},
	} {
		tpl, err := pongo2.FromString(tt.src)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		ctx := pongo2.Context{"x": "xyz", "list": []string{"a", "b"}, "n": 2,
			"slow": func(ctx context.Context) (int, error) { return 2, nil }}
		out, err := tpl.Execute(ctx)
		if err != nil || out != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, out, err, tt.want)
		}
		var w bytes.Buffer
		if err := tpl.ExecuteWriterUnbuffered(ctx, &w); err != nil || w.String() != tt.want {
			t.Errorf("%s streamed: %q, %v; want %q", tt.src, w.String(), err, tt.want)
		}
	}
	for _, tt := range []struct{ src, want string }{
		{`{% upper %}abc`, "Unexpected EOF, expected tag endupper."},
		{`{% upper %}abc{% endupper x %}`, "endupper takes no arguments"},
		{`{% repeat %}x{% endrepeat %}`, "Expected either a number"},
		{`{% repeat 2 to 3 %}x{% endrepeat %}`, "repeat takes a count"},
		{`{% for a in b %}{% upper %}{% endfor %}`, "still open"},
		{`{% skip %}abc`, "Unexpected EOF, expected tag endskip."},
	} {
		_, err := pongo2.FromString(tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want an error with %q", tt.src, err, tt.want)
		}
	}
	// A body's pending value is waited for, and the tag's output keeps its
	// place in a streamed render.
	tpl := pongo2.Must(pongo2.FromString(`{{ a }}-{% upper %}{{ b }}{% endupper %}-{{ c }}`))
	delay := func(s string) func(context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			select {
			case <-time.After(time.Millisecond):
			case <-ctx.Done():
			}
			return s, nil
		}
	}
	var w bytes.Buffer
	if err := tpl.ExecuteWriterUnbuffered(pongo2.Context{"a": delay("a"), "b": delay("b"), "c": delay("c")}, &w); err != nil || w.String() != "a-B-c" {
		t.Errorf("pending values: %q, %v", w.String(), err)
	}
}

// TestTagErrorPosition checks that a tag parser's error is reported at
// the token it names, on the tag's own line.
func TestTagErrorPosition(t *testing.T) {
	register(t, "repeat", parseRepeat)
	_, err := pongo2.FromString("x\n{% repeat 2\n to 3 %}y{% endrepeat %}")
	var pe *pongo2.Error
	if !errors.As(err, &pe) {
		t.Fatalf("%v: not a *pongo2.Error", err)
	}
	if pe.Line != 3 || pe.Column != 2 || !strings.Contains(err.Error(), "repeat takes a count") {
		t.Errorf("%v (line %d col %d)", err, pe.Line, pe.Column)
	}
}

// rawNode is {% raw %}…{% endraw %}: its body with autoescaping off.
type rawNode struct{ body *pongo2.NodeWrapper }

func (n rawNode) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	sub := pongo2.NewChildExecutionContext(ctx)
	sub.Autoescape = false
	return n.body.Execute(sub, w)
}

// TestTagAutoescape checks that a tag's ExecutionContext.Autoescape
// applies to the body it renders.
func TestTagAutoescape(t *testing.T) {
	register(t, "raw", func(doc *pongo2.Parser, _ *pongo2.Token, _ *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
		body, _, err := doc.WrapUntilTag("endraw")
		return rawNode{body}, err
	})
	out, err := pongo2.RenderTemplateString(`{{ x }}{% raw %}{{ x }}{% endraw %}{{ x }}`, pongo2.Context{"x": "<b>"})
	if err != nil || out != "&lt;b&gt;<b>&lt;b&gt;" {
		t.Errorf("%q, %v", out, err)
	}
}
