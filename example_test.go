package braid_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
)

func ExampleNew() {
	templates := fstest.MapFS{
		"base.html": {Data: []byte("<h1>{% block title %}Site{% endblock %}</h1>\n")},
		"page.html": {Data: []byte(`{% extends "base.html" %}{% block title %}{{ title }} | {{ block.super }}{% endblock %}`)},
	}
	eng := braid.New(braid.WithFS(templates))
	defer eng.Close()
	tpl, err := eng.Template("page.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := tpl.Render(context.Background(), os.Stdout, map[string]any{"title": "News & Views"}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <h1>News &amp; Views | Site</h1>
}

func ExampleEngine_FromString() {
	eng := braid.New()
	tpl, err := eng.FromString(`{% for p in people %}{{ forloop.counter }}. {{ p.Name|upper }}{% if not forloop.last %}, {% endif %}{% endfor %}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	type person struct{ Name string }
	out, err := tpl.RenderString(context.Background(), map[string]any{
		"people": []person{{"ann"}, {"bo"}},
	})
	fmt.Println(out, err)
	// Output:
	// 1. ANN, 2. BO <nil>
}

func ExampleEngine_Template() {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"hello.txt": {Data: []byte("Hello, {{ name }}!")},
	}))
	tpl, err := eng.Template("hello.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"name": "<world>"})
	fmt.Println(out)
	// Output:
	// Hello, &lt;world&gt;!
}

func ExampleTemplate_Render() {
	eng := braid.New()
	tpl, _ := eng.FromString("{{ a }} + {{ b }} = {{ a|add:b }}\n")
	err := tpl.Render(context.Background(), os.Stdout, map[string]any{"a": 2, "b": 3})
	fmt.Println(err)
	// Output:
	// 2 + 3 = 5
	// <nil>
}

func ExampleTemplate_RenderString() {
	eng := braid.New()
	tpl, _ := eng.FromString(`{{ items|join:", " }}`)
	out, err := tpl.RenderString(context.Background(), map[string]any{"items": []string{"a", "<b>"}})
	fmt.Println(out, err)
	// Output:
	// a, &lt;b&gt; <nil>
}

func ExampleSafe() {
	eng := braid.New()
	tpl, _ := eng.FromString("{{ html }} {{ text }}")
	out, _ := tpl.RenderString(context.Background(), map[string]any{
		"html": braid.Safe("<b>bold</b>"),
		"text": "<b>bold</b>",
	})
	fmt.Println(out)
	// Output:
	// <b>bold</b> &lt;b&gt;bold&lt;/b&gt;
}

func ExampleError() {
	eng := braid.New(braid.WithStrict(true))
	tpl, _ := eng.FromString("Hello,\n  {{ user.nmae }}!")
	_, err := tpl.RenderString(context.Background(), map[string]any{"user": map[string]any{"name": "Ann"}})
	var e *braid.Error
	if errors.As(err, &e) {
		fmt.Println(e.Line, e.Col)
		fmt.Println(strings.TrimPrefix(err.Error(), e.Template))
		fmt.Println(e.Snippet())
	}
	// Output:
	// 2 6
	// :2:6: user.nmae is not defined
	//     2 |   {{ user.nmae }}!
	//       |      ^
}

func ExampleWithFilter() {
	eng := braid.New(braid.WithFilter("shout", func(s string) string { return strings.ToUpper(s) + "!" }))
	tpl, _ := eng.FromString("{{ greeting|shout }}")
	out, _ := tpl.RenderString(context.Background(), map[string]any{"greeting": "hi"})
	fmt.Println(out)
	// Output:
	// HI!
}

func ExampleWithStringIfInvalid() {
	// As in Django, filters are skipped for a missing variable when the
	// value is not empty, and %s is replaced by the variable's name.
	eng := braid.New(braid.WithStringIfInvalid("[no %s]"))
	tpl, _ := eng.FromString("{{ nope }} {{ user.nmae|upper }}")
	out, _ := tpl.RenderString(context.Background(), map[string]any{"user": map[string]any{}})
	fmt.Println(out)
	// Output:
	// [no nope] [no user.nmae]
}

func ExampleWithDir() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	os.WriteFile(dir+"/hi.html", []byte("Hi {{ name }}"), 0o644)
	eng := braid.New(braid.WithDir(dir))
	tpl, err := eng.Template("hi.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"name": "Ann"})
	fmt.Println(out)
	_, err = eng.Template("../etc/passwd")
	fmt.Println(err)
	// Output:
	// Hi Ann
	// invalid template name "../etc/passwd": names are slash-separated paths without "..", "." or empty elements
}

func ExampleWithLocation() {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		fmt.Println(err)
		return
	}
	eng := braid.New(braid.WithLocation(oslo))
	tpl, _ := eng.FromString(`{{ t }} | {{ t|date:"H:i T" }}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"t": time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)})
	fmt.Println(out)
	// Output:
	// July 1, 2024, 2 p.m. | 14:00 CEST
}

func ExampleDecodeJSON() {
	data, err := braid.DecodeJSON([]byte(`{"n": 3, "f": 1.5, "items": [1, 2]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	eng := braid.New()
	tpl, _ := eng.FromString("{{ n }} {{ f }} {{ items }}")
	out, _ := tpl.RenderString(context.Background(), data)
	fmt.Println(out)
	// Output:
	// 3 1.5 [1, 2]
}

func ExampleWithStrict() {
	eng := braid.New(braid.WithStrict(true))
	tpl, _ := eng.FromString(`{{ title|default:"untitled" }} {{ titel }}`)
	_, err := tpl.RenderString(context.Background(), nil)
	fmt.Println(err)
	// Output:
	// string#1:1:35: titel is not defined
}

func ExampleWithAutoescape() {
	eng := braid.New(braid.WithAutoescape(false))
	tpl, _ := eng.FromString("{{ s }}")
	out, _ := tpl.RenderString(context.Background(), map[string]any{"s": "<p>"})
	fmt.Println(out)
	// Output:
	// <p>
}

// A tool compiles templates as the engine does, without rendering them,
// with the engine's tags, filters and libraries (cmd/tplcheck does).
func ExampleEngine_CompilerOptions() {
	eng := braid.New(braid.WithFilter("shout", strings.ToUpper))
	defer eng.Close()
	opts, err := eng.CompilerOptions()
	if err != nil {
		fmt.Println(err)
		return
	}
	src := `{% load i18n %}{{ name|shout }}{% for x in xs %}{% cycle "a" "b" %}{% endfor %}`
	tree, err := parser.Parse("page.html", src, opts.ParseOptions()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := compiler.Compile(tree, src, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, i18n := opts.Libraries["i18n"]
	in := res.Facts.InPlace[0]
	fmt.Println(i18n, in.Tag, in.Cause.Tag, in.Cause.Pos.Column)
	// Output:
	// true for cycle 49
}
