package braid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// TestURLTag checks {% url %} through the engine's resolver.
func TestURLTag(t *testing.T) {
	resolve := func(name string, args []any, kwargs map[string]any) (string, error) {
		switch name {
		case "post":
			if len(args) == 1 {
				return fmt.Sprintf("/posts/%v/", args[0]), nil
			}
			return fmt.Sprintf("/posts/%v/%v/", kwargs["year"], kwargs["slug"]), nil
		case "search":
			return "/search/?q=a&b", nil
		}
		return "", errors.New("no route named " + name)
	}
	eng := braid.New(braid.WithURLResolver(resolve))
	for _, tt := range []struct{ src, want, err string }{
		{`{% url "post" p.id %}`, "/posts/7/", ""},
		{`{% url 'post' year=2024 slug="x-y" %}`, "/posts/2024/x-y/", ""},
		{`{% url "search" %}`, "/search/?q=a&amp;b", ""},
		{`{% url "nope" as u %}[{{ u }}]`, "[]", ""},
		{`{% url "post" 1 as u %}{{ u }}`, "/posts/1/", ""},
		{`{% url "nope" %}`, "", `1:1: {% url "nope" %}: no route named nope`},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{"p": map[string]any{"id": 7}})
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: got %q, %v; want %q, %q", tt.src, got, err, tt.want, tt.err)
		}
	}
	if _, err := eng.FromString(`{% url "post" 1 slug="x" %}`); err == nil {
		t.Error("mixing positional and keyword arguments compiled")
	}

	// Pending arguments: under every schedule the page equals the
	// sequential one; without "as" the node defers (the text after it is
	// written while it waits, under "late"), with "as" it waits in place.
	src := `{% for p in posts %}<a href="{% url "post" p.id %}">{% url "post" year=p.year slug=p.slug as u %}{{ u }}</a>{% endfor %}`
	data := func(promise func(any) *brender.Future) map[string]any {
		var posts []any
		for i := 1; i <= 3; i++ {
			posts = append(posts, map[string]any{"id": promise(i), "year": promise(2020 + i), "slug": fmt.Sprint("s", i)})
		}
		return map[string]any{"posts": posts}
	}
	seqTpl, _ := braid.New(braid.WithURLResolver(resolve), braid.WithSequential()).FromString(src)
	want, err := seqTpl.RenderString(context.Background(), data(func(v any) *brender.Future {
		return braid.Go(context.Background(), func(context.Context) (any, error) { return v, nil })
	}))
	if err != nil || !strings.Contains(want, `<a href="/posts/1/">/posts/2021/s1/</a>`) {
		t.Fatalf("sequential: %q, %v", want, err)
	}
	var deferred int64
	tpl, _ := braid.New(braid.WithURLResolver(resolve), braid.WithStats(func(_ string, st braid.Stats) { deferred = st.Deferred })).FromString(src)
	for _, policy := range []string{"eager", "late", "next", "random"} {
		sch := schedtest.New(policy, 1)
		got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), data(func(v any) *brender.Future { return sch.Promise(v, nil) }))
		if err != nil || got != want {
			t.Errorf("%s: %q, %v; want %q", policy, got, err, want)
		}
		// Under "late" every pending value is pending at its first look:
		// each plain {% url %} defers once (the for and the "as" ones
		// do not defer).
		if policy == "late" && deferred != 3 {
			t.Errorf("late: %d nodes deferred, want the 3 plain {%% url %%} nodes", deferred)
		}
	}
}

// TestQuerystringValues checks querystring over url.Values, the type a Go
// request's query is.
func TestQuerystringValues(t *testing.T) {
	eng := braid.New()
	tpl, _ := eng.FromString(`{% autoescape off %}{% querystring page=2 %}{% endautoescape %}`)
	req := map[string]any{"GET": url.Values{"tag": {"a", "b"}, "page": {"1"}, "q": {"x y"}}}
	got, err := tpl.RenderString(context.Background(), map[string]any{"request": req})
	if err != nil || got != "?page=2&q=x+y&tag=a&tag=b" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestPartials checks rendering a partial on its own.
func TestPartials(t *testing.T) {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"page.html": {Data: []byte(`<h1>{{ title }}</h1>{% partialdef row %}<li>{{ item }}</li>{% endpartialdef %}<ul>{% for item in items %}{% partial row %}{% endfor %}</ul>`)},
	}))
	tpl, err := eng.Template("page.html")
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	if err := tpl.RenderPartial(context.Background(), &w, "row", map[string]any{"item": "<new>"}); err != nil || w.String() != "<li>&lt;new&gt;</li>" {
		t.Errorf("RenderPartial: %q, %v", w.String(), err)
	}
	frag, err := eng.Template("page.html#row")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := frag.RenderString(context.Background(), map[string]any{"item": 1}); got != "<li>1</li>" {
		t.Errorf("page.html#row: %q", got)
	}
	if _, err := eng.Template("page.html#nope"); err == nil || !strings.Contains(err.Error(), `no partial named "nope"`) {
		t.Errorf("missing partial: %v", err)
	}
	full, _ := tpl.RenderString(context.Background(), map[string]any{"title": "T", "items": []int{1, 2}})
	if full != "<h1>T</h1><ul><li>1</li><li>2</li></ul>" {
		t.Errorf("page: %q", full)
	}
}

func ExampleTemplate_RenderPartial() {
	eng := braid.New(braid.WithFS(fstest.MapFS{
		"todo.html": {Data: []byte(`<ul>{% for t in todos %}{% partialdef item inline %}<li>{{ t }}</li>{% endpartialdef %}{% endfor %}</ul>`)},
	}))
	tpl, _ := eng.Template("todo.html")
	var w bytes.Buffer
	// An HTMX handler answers with just the new item.
	_ = tpl.RenderPartial(context.Background(), &w, "item", map[string]any{"t": "write docs"})
	fmt.Println(w.String())
	// Output:
	// <li>write docs</li>
}

func ExampleWithURLResolver() {
	eng := braid.New(braid.WithURLResolver(func(name string, args []any, kwargs map[string]any) (string, error) {
		return fmt.Sprintf("/%s/%v/", name, args[0]), nil
	}))
	tpl, _ := eng.FromString(`<a href="{% url "user" id %}">profile</a>`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"id": 42})
	fmt.Println(out)
	// Output:
	// <a href="/user/42/">profile</a>
}

// TestCycleSetUpward checks where {% cycle … as x %} binds x, as Django's
// set_upward: where x is bound already, else in the current frame.
func TestCycleSetUpward(t *testing.T) {
	eng := braid.New()
	for _, tt := range []struct{ src, want string }{
		{`{% cycle "a" "b" as x %}{% with y=1 %}{% cycle x %}{% endwith %}[{{ x }}]`, "ab[b]"},
		{`{% with a=1 %}{% cycle "a" "b" as x %}{% endwith %}[{{ x }}]`, "a[]"},
		{`{% for i in "123" %}{% cycle "a" "b" as x %}{% endfor %}[{{ x }}]`, "aba[]"},
		{`{% cycle "a" "b" as d %}{% with z=1 %}{% cycle d %}{% endwith %}[{{ d }}]`, "ab[b]"},
		{`{% with z=1 %}{% cycle "a" "b" as d %}{% endwith %}[{{ d }}]`, "a[a]"}, // d is the data's: Django writes there
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{"d": "data"})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

// TestNowNotEscaped checks that {% now %} prints its text as Django's does,
// unescaped (its format comes from the template), and that "as" binds it.
func TestNowNotEscaped(t *testing.T) {
	tpl, err := braid.New().FromString(`{% now "\"Y\" 'y'" %}|{% now "Y" as y %}{{ y|length }}`)
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Year()
	got, err := tpl.RenderString(context.Background(), nil)
	after := time.Now().Year() // the render may cross a new year
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{before, after} {
		if got == fmt.Sprintf(`"%d" '%02d'|4`, y, y%100) {
			return
		}
	}
	t.Errorf("%q; want \"%d\" '%02d'|4", got, after, after%100)
}
