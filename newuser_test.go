package braid_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/loader"
)

// TestTemplateNotFound checks the error of a template no source has: a
// *braid.Error naming it, for which errors.Is(err, fs.ErrNotExist) holds.
func TestTemplateNotFound(t *testing.T) {
	eng := braid.New(braid.WithFS(fstest.MapFS{}))
	_, err := eng.Template("missing.html")
	var be *braid.Error
	if !errors.As(err, &be) || be.Template != "missing.html" || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%#v", err)
	}
	var nf *loader.NotFoundError
	if !errors.As(err, &nf) || nf.Name != "missing.html" {
		t.Errorf("no NotFoundError in %v", err)
	}
	if want := "missing.html: no such template in the engine's sources"; err.Error() != want {
		t.Errorf("%q, want %q", err, want)
	}
}

// TestCompileNamed checks Engine.Compile: the name is the errors' and the
// start of relative names; the engine's own template of that name stays.
func TestCompileNamed(t *testing.T) {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"emails/welcome.txt": {Data: []byte("cached")},
		"emails/footer.txt":  {Data: []byte("-- the team")},
	}))
	_, err := eng.Compile("emails/welcome.txt", "Hi {{ name|bogus }}")
	if err == nil || !strings.HasPrefix(err.Error(), "emails/welcome.txt:1:") {
		t.Errorf("error %v does not name the template", err)
	}
	tpl, err := eng.Compile("emails/welcome.txt", `Hi {{ name }} {% include "./footer.txt" %}`)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := tpl.RenderString(context.Background(), map[string]any{"name": "Ann"}); err != nil || out != "Hi Ann -- the team" {
		t.Errorf("%q, %v", out, err)
	}
	cached, _ := eng.Template("emails/welcome.txt")
	if out, _ := cached.RenderString(context.Background(), nil); out != "cached" {
		t.Errorf("the engine's template became %q", out)
	}
}

// TestNilContext checks that a nil context is an error, not a panic.
func TestNilContext(t *testing.T) {
	tpl, _ := braid.New().FromString("x")
	var b strings.Builder
	//lint:ignore SA1012 the point of the test
	err := tpl.Render(nil, &b, nil) //nolint:staticcheck
	if err == nil || !strings.Contains(err.Error(), "needs a context") || b.Len() != 0 {
		t.Errorf("%v, wrote %q", err, b.String())
	}
}

// TestWithFilterFuncs checks filters of any func shape of one or two
// arguments, converted once at New, and the errors of other shapes.
func TestWithFilterFuncs(t *testing.T) {
	eng := braid.New(
		braid.WithFilter("money", func(v float64, cur string) string { return fmt.Sprintf("%.2f %s", v, cur) }),
		braid.WithFilter("shout", func(s string) string { return strings.ToUpper(s) + "!" }),
		braid.WithFilter("user", func(ctx context.Context, id int) (string, error) {
			if id < 0 {
				return "", errors.New("no such user")
			}
			return fmt.Sprint("user", id), nil
		}),
	)
	if err := eng.Err(); err != nil {
		t.Fatal(err)
	}
	tpl, err := eng.FromString(`{{ 9.5|money:"EUR" }} {{ nobody|shout }} {{ 7|user }} {{ 3.0|user }}`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := tpl.RenderString(context.Background(), nil)
	if want := "9.50 EUR ! user7 user3"; err != nil || out != want {
		t.Errorf("%q, %v; want %q", out, err, want)
	}
	if _, err := eng.FromString(`{{ 1|money }}`); err == nil || !strings.Contains(err.Error(), "needs an argument") {
		t.Errorf("money without its argument: %v", err)
	}
	for src, want := range map[string]string{`{{ -1|user }}`: "no such user", `{{ "3"|user }}`: "expected int, got string"} {
		tpl, _ = eng.FromString(src)
		if _, err := tpl.RenderString(context.Background(), nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", src, err, want)
		}
	}
	for _, bad := range []any{
		42,
		func() string { return "" },
		func(a, b, c int) int { return 0 },
		func(a ...int) int { return 0 },
		func(a int) {},
		func(a int) (int, int) { return 0, 0 },
	} {
		eng := braid.New(braid.WithFilter("bad", bad))
		if eng.Err() == nil {
			t.Errorf("%T accepted", bad)
		}
		if _, err := eng.FromString("x"); err == nil || err != eng.Err() {
			t.Errorf("%T: FromString %v, Err %v", bad, err, eng.Err())
		}
	}
}

// TestRenderBlock checks rendering one block of a template, as its
// inheritance chain resolves it.
func TestRenderBlock(t *testing.T) {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"base.html":  {Data: []byte(`<title>{% block title %}Site{% endblock %}</title>{% block body %}{% block inner %}base inner{% endblock %}{% endblock %}`)},
		"child.html": {Data: []byte(`{% extends "base.html" %}{% block title %}{{ name }} · {{ block.super }}{% endblock %}{% block inner %}child {{ name }}{% endblock %}`)},
	}))
	tpl, err := eng.Template("child.html")
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"title": "Ann · Site", "body": "child Ann", "inner": "child Ann"} {
		var b strings.Builder
		if err := tpl.RenderBlock(context.Background(), &b, name, map[string]any{"name": "Ann"}); err != nil || b.String() != want {
			t.Errorf("%s: %q, %v; want %q", name, b.String(), err, want)
		}
	}
	var b strings.Builder
	if err := tpl.RenderBlock(context.Background(), &b, "nope", nil); err == nil || !strings.Contains(err.Error(), `no block named "nope"`) {
		t.Errorf("a missing block: %v", err)
	}
}

func ExampleTemplate_RenderBlock() {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"page.html": {Data: []byte(`<main>{% block list %}{% for x in items %}<li>{{ x }}</li>{% endfor %}{% endblock %}</main>`)},
	}))
	tpl, _ := eng.Template("page.html")
	var b strings.Builder
	tpl.RenderBlock(context.Background(), &b, "list", map[string]any{"items": []string{"a", "b"}})
	fmt.Println(b.String())
	// Output:
	// <li>a</li><li>b</li>
}
