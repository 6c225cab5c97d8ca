package braid_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing/fstest"

	"github.com/braidtpl/braid"
)

// A render stops at the node that writes past WithMaxOutput; the writer
// never gets more than the limit.
func ExampleWithMaxOutput() {
	eng := braid.New(braid.WithMaxOutput(16))
	tpl, _ := eng.FromString("{% for i in items %}<li>{{ i }}</li>{% endfor %}")
	out, err := tpl.RenderString(context.Background(), map[string]any{"items": []int{1, 2, 3, 4}})
	fmt.Printf("%q\n", out)
	fmt.Println(err)
	var le *braid.LimitError
	fmt.Println(errors.As(err, &le), le.Option, le.Max)
	// Output:
	// ""
	// string#1:1:32: the output is longer than 16 bytes (braid.WithMaxOutput(16))
	// true WithMaxOutput 16
}

// WithMaxSteps stops a runaway loop, or a macro that calls itself twice,
// where no deadline would.
func ExampleWithMaxSteps() {
	eng := braid.New(braid.WithMaxSteps(1000))
	tpl, _ := eng.FromString("{% for a in n %}{% for b in n %}{% for c in n %}.{% endfor %}{% endfor %}{% endfor %}")
	_, err := tpl.RenderString(context.Background(), map[string]any{"n": make([]int, 1000)})
	fmt.Println(err)
	// Output:
	// string#1:1:33: the render takes more than 1000 steps (braid.WithMaxSteps(1000))
}

// A source past WithMaxSourceSize is an error naming the template; its
// file is not read past the limit.
func ExampleWithMaxSourceSize() {
	eng := braid.New(braid.WithMaxSourceSize(1<<10), braid.WithFS(fstest.MapFS{
		"huge.html": {Data: []byte(strings.Repeat("x", 2<<10))},
	}))
	_, err := eng.Template("huge.html")
	fmt.Println(err)
	// Output:
	// huge.html:1:1: the template is 2048 bytes, longer than 1024 (braid.WithMaxSourceSize)
}

// Each link of a dotted lookup is a level of nesting.
func ExampleWithMaxNesting() {
	eng := braid.New(braid.WithMaxNesting(3))
	_, err := eng.FromString("{{ page.parent.parent.parent.title }}")
	fmt.Println(err)
	_, err = eng.FromString("{{ page.parent.title }}")
	fmt.Println(err)
	// Output:
	// string#1:1:4: expression nested deeper than 3 levels
	// <nil>
}

// An include loop stops at the depth limit, with the chain named.
func ExampleWithMaxIncludeDepth() {
	eng := braid.New(braid.WithMaxIncludeDepth(8), braid.WithFS(fstest.MapFS{
		"page.html":    {Data: []byte(`{% include "comment.html" %}`)},
		"comment.html": {Data: []byte(`<p>{% include "reply.html" %}</p>`)},
		"reply.html":   {Data: []byte(`{% include "comment.html" %}`)},
	}))
	tpl, _ := eng.Template("page.html")
	_, err := tpl.RenderString(context.Background(), nil)
	fmt.Println(err)
	// Output:
	// reply.html:1:1: {% include %}: templates nested deeper than 8 (braid.WithMaxIncludeDepth(8)): page.html → comment.html → reply.html → comment.html → …
}

// A macro that calls itself stops at the depth limit.
func ExampleWithMaxMacroDepth() {
	eng := braid.New(braid.WithMaxMacroDepth(10))
	tpl, _ := eng.FromString(`{% macro tree(node) %}<ul>{% for c in node.kids %}<li>{{ tree(c) }}</li>{% endfor %}</ul>{% endmacro %}{{ tree(root) }}`)
	root := map[string]any{}
	root["kids"] = []any{root} // a tree that contains itself
	_, err := tpl.RenderString(context.Background(), map[string]any{"root": root})
	fmt.Println(err)
	// Output:
	// string#1:1:58: calling tree: macro calls nested deeper than 10 (braid.WithMaxMacroDepth(10)): string#1 → macro tree → macro tree → …
}

// Banned tags are compile errors, built-in or custom.
func ExampleWithBannedTags() {
	eng := braid.New(braid.WithBannedTags("include", "ssi", "load"))
	_, err := eng.FromString(`<p>{% include "admin.html" %}</p>`)
	fmt.Println(err)
	// Output:
	// string#1:1:4: {% include %} is not allowed in this engine's templates (braid.WithBannedTags)
}

// Banned filters are compile errors, {% filter %} included.
func ExampleWithBannedFilters() {
	eng := braid.New(braid.WithBannedFilters("safe", "safeseq"))
	_, err := eng.FromString(`{{ comment.body|safe }}`)
	fmt.Println(err)
	// Output:
	// string#1:1:17: filter "safe" is not allowed in this engine's templates (braid.WithBannedFilters)
}

type account struct{ balance int }

// Balance is a method without arguments: MethodsNoArgs calls it.
func (a *account) Balance() int { return a.balance }

// Withdraw is a method with an argument: MethodsNoArgs refuses it.
func (a *account) Withdraw(n int) int { a.balance -= n; return a.balance }

// Under MethodsNoArgs a template reads what methods without arguments
// give, and cannot call one with arguments: the data is left untouched.
func ExampleWithMethodCalls() {
	acct := &account{balance: 100}
	eng := braid.New(braid.WithMethodCalls(braid.MethodsNoArgs))
	tpl, _ := eng.FromString(`{{ acct.Balance }}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"acct": acct})
	fmt.Println(out)
	_, err := eng.FromString(`{{ acct.Withdraw(1000) }}`)
	fmt.Println(err)
	fmt.Println(acct.balance)

	none := braid.New(braid.WithMethodCalls(braid.MethodsNone))
	tpl, _ = none.FromString(`{{ acct.Balance }}`)
	_, err = tpl.RenderString(context.Background(), map[string]any{"acct": acct})
	fmt.Println(err)
	fmt.Println(acct.balance)
	// Output:
	// 100
	// string#2:1:4: acct.Withdraw(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))
	// 100
	// string#1:1:4: looking up acct.Balance: Balance is a method of *braid_test.account: calling methods is not allowed (braid.WithMethodCalls(braid.MethodsNone))
	// 100
}

// {% debug %} is off unless the engine allows it.
func ExampleWithDebugTag() {
	_, err := braid.New().FromString(`{% debug %}`)
	fmt.Println(err)
	tpl, _ := braid.New(braid.WithDebugTag(true)).FromString(`{% with a=1 %}{% debug %}{% endwith %}`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// string#1:1:1: {% debug %} prints every variable in scope; it is off unless the engine allows it (braid.WithDebugTag(true))
	// {&#x27;a&#x27;: 1}
}

// A compile stops when the caller's context ends; the next request
// compiles again.
func ExampleEngine_TemplateContext() {
	eng := braid.New(braid.WithFS(fstest.MapFS{"page.html": {Data: []byte("{{ title }}")}}))
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the request is gone
	_, err := eng.TemplateContext(ctx, "page.html")
	fmt.Println(errors.Is(err, context.Canceled))
	tpl, err := eng.TemplateContext(context.Background(), "page.html")
	fmt.Println(tpl.Name(), err)
	// Output:
	// true
	// page.html <nil>
}

// FromStringContext compiles a source under a context.
func ExampleEngine_FromStringContext() {
	tpl, err := braid.New().FromStringContext(context.Background(), "Hello, {{ name }}!")
	if err != nil {
		panic(err)
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"name": "world"})
	fmt.Println(out)
	// Output:
	// Hello, world!
}
