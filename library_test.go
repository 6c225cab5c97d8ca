package braid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compiler"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
	"go.uber.org/goleak"
)

// price is a simple tag with a default: {% price cost [currency=…] %}.
func price(cost float64, currency string) string {
	return fmt.Sprintf("%.2f %s", cost, currency)
}

// upperNode renders its body and prints it upper-cased: the node of the
// {% upper %}…{% endupper %} block tag.
type upperNode struct{ body brender.Nodes }

func (n upperNode) Render(s *brender.State, out *brender.Out) error {
	buf := brender.NewCapture()
	if err := n.body.Render(s, buf); err != nil {
		return err
	}
	out.WriteString(strings.ToUpper(buf.String()))
	return nil
}

var upperTag = braid.BlockTag{Body: true, Compile: func(call *braid.TagCall) (brender.Node, error) {
	if call.Node.Args != "" {
		return nil, call.Errorf(call.Node.Pos, "{%% upper %%} takes no arguments")
	}
	return upperNode{call.Nodes(call.Node.Body)}, nil
}}

// tagEngine is an engine with the test tags: price and upper for every
// template, a "shop" library, and an inclusion tag over a cart template.
func tagEngine(opts ...braid.Option) *braid.Engine {
	sources := fstest.MapFS{
		"_cart.html": {Data: []byte(`<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>{{ secret }}`)},
	}
	return braid.New(append([]braid.Option{
		braid.WithFS(sources),
		braid.WithTag("price", braid.SimpleTag{Fn: price, Params: []string{"cost", "currency"}, Defaults: []any{"USD"}}),
		braid.WithTag("upper", upperTag),
		braid.WithTag("shout", braid.SimpleTag{Fn: func(s string) string { return s + "!" }}),
		braid.WithTag("safe", braid.SimpleTag{Fn: func(s string) braid.SafeString { return braid.Safe(s) }}),
		braid.WithTag("join", braid.SimpleTag{Fn: func(sep string, parts ...string) string { return strings.Join(parts, sep) }}),
		braid.WithTag("who", braid.SimpleTag{Fn: func(ctx context.Context) string { v, _ := ctx.Value(whoKey{}).(string); return v }}),
		braid.WithTag("fails", braid.SimpleTag{Fn: func() (string, error) { return "", errors.New("tag failed") }}),
		braid.WithTag("panics", braid.SimpleTag{Fn: func() string { panic("tag panicked") }}),
		braid.WithLibrary("shop", braid.Library{
			Tags: map[string]braid.Tag{
				"cart": braid.InclusionTag{Template: "_cart.html", Fn: func(items []any) map[string]any {
					return map[string]any{"items": items}
				}},
				"total": braid.SimpleTag{Fn: func(a, b int) int { return a + b }},
			},
			Filters: map[string]any{"money": func(in any) any { return fmt.Sprintf("$%v", in) }},
		}),
	}, opts...)...)
}

type whoKey struct{}

// TestCustomTags checks the three tag shapes, libraries and their errors.
func TestCustomTags(t *testing.T) {
	eng := tagEngine()
	ctx := context.WithValue(context.Background(), whoKey{}, "ann")
	for _, tt := range []struct{ name, src, want, err string }{
		{"positional", `{% price 3.5 "EUR" %}`, "3.50 EUR", ""},
		{"keyword", `{% price currency="EUR" cost=2 %}`, "2.00 EUR", ""},
		{"default", `{% price n %}`, "3.00 USD", ""},
		{"as", `{% price 1 as p %}[{{ p }}]{{ p|length }}`, "[1.00 USD]8", ""},
		{"escaped", `{% shout s %}`, "&lt;b&gt;!", ""},
		{"result escaped as Django's", `{% shout s|upper|safe %}`, "&lt;B&gt;!", ""},
		{"safe result", `{% safe s %}`, "<b>", ""},
		{"variadic", `{% join "-" "a" "b" s %}`, "a-b-&lt;b&gt;", ""},
		{"missing variable is empty", `{% shout nothing %}`, "!", ""},
		{"context", `{% who %}`, "ann", ""},
		{"block tag", `{% upper %}a{{ s }}{% if n %}b{% endif %}{% endupper %}`, "A&LT;B&GT;B", ""},
		{"load", `{% load shop %}{% total 1 n %}{{ n|money }}`, "4$3", ""},
		{"load from", `{% load total money from shop %}{% total 2 2 %}`, "4", ""},
		{"inclusion", `{% load shop %}{% cart l %}`, "<ul><li>x</li><li>&lt;b&gt;</li></ul>", ""},
		{"not loaded", `{% total 1 2 %}`, "", `1:1: {% total %} is a tag of the "shop" library: load it first with {% load shop %}`},
		{"unknown library", `{% load nope %}`, "", `1:1: {% load nope %}: "nope" is not a registered tag library`},
		{"unknown name", `{% load bogus from shop %}`, "", `1:1: {% load bogus from shop %}: the library has no tag or filter "bogus"`},
		{"unknown keyword", `{% price 1 coin="x" %}`, "", `1:12: {% price %}: unknown keyword argument "coin" (it takes cost, currency)`},
		{"too many", `{% price 1 "a" "b" %}`, "", `1:1: {% price %} takes 2 arguments, got 3`},
		{"missing", `{% price currency="x" %}`, "", `1:1: {% price %}: missing argument "cost"`},
		{"twice", `{% price 1 cost=2 %}`, "", `1:1: {% price %}: argument "cost" given by position and by keyword`},
		{"positional after keyword", `{% price cost=1 "x" %}`, "", `1:17: {% price %}: a positional argument after keyword arguments`},
		{"syntax", `{% price 1 + %}`, "", `1:14: {% price %}: unexpected end of tag`},
		{"block tag error", `{% upper x %}{% endupper %}`, "", `1:1: {% upper %} takes no arguments`},
		{"wrong type", `{% price "x" %}`, "", `1:1: {% price %}`},
		{"function error", "a\n{% fails %}", "", `2:1: {% fails %}: tag failed`},
		{"function panic", "{% panics %}", "", `1:1: {% panics %}: `},
		{"inclusion as", `{% load shop %}{% cart l as c %}`, "", `1:16: {% cart %}: an inclusion tag takes no "as name"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := map[string]any{"n": 3, "s": "<b>", "l": []any{"x", "<b>"}, "secret": "no"}
			tpl, err := eng.FromString(tt.src)
			got := ""
			if err == nil {
				got, err = tpl.RenderString(ctx, data)
			}
			if tt.err != "" {
				var e *braid.Error
				if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want a *braid.Error containing %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestCustomTagDefinitions checks that a tag that cannot work is reported
// by the engine, naming it.
func TestCustomTagDefinitions(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  braid.Option
		want string
	}{
		{"not a function", braid.WithTag("x", braid.SimpleTag{Fn: 3}), "tag x: the tag's Fn is int, not a function"},
		{"no result", braid.WithTag("x", braid.SimpleTag{Fn: func() {}}), "tag x: the tag's function must return a value"},
		{"params", braid.WithTag("x", braid.SimpleTag{Fn: func(a int) int { return a }, Params: []string{"a", "b"}}), "Params names 2 parameters, the function has 1"},
		{"no compile", braid.WithTag("x", braid.BlockTag{}), "tag x: block tag without a Compile function"},
		{"no template", braid.WithLibrary("l", braid.Library{Tags: map[string]braid.Tag{"x": braid.InclusionTag{Fn: func() map[string]any { return nil }}}}), "library l: tag x: inclusion tag without a template"},
		{"bad filter", braid.WithLibrary("l", braid.Library{Filters: map[string]any{"f": 3}}), `braid.WithLibrary("l"): filter "f"`},
	} {
		_, err := braid.New(tt.opt).FromString("x")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestCustomTagsConcurrent checks that custom tags take part in concurrent
// rendering: a simple tag whose function returns a pending value (a
// future, a lazy function) resolves concurrently, in order; the five
// fetches below are all in flight at once, or the render would not end.
// A stateful block tag keeps template order.
func TestCustomTagsConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	overlap := newBarrier(5)
	var calls atomic.Int32
	eng := tagEngine(
		braid.WithTag("fetch", braid.SimpleTag{Fn: func(ctx context.Context, id int) *braid.Future {
			calls.Add(1)
			return braid.Go(ctx, func(ctx context.Context) (string, error) {
				if err := overlap.wait(ctx); err != nil {
					return "", err
				}
				return fmt.Sprintf("user %d", id), nil
			})
		}}),
		braid.WithTag("lazy", braid.SimpleTag{Fn: func(id int) func(context.Context) (int, error) {
			return func(context.Context) (int, error) { return id * 10, nil }
		}}),
		braid.WithTag("tick", tickTag(true)),
	)
	tpl, err := eng.FromString(`{% for id in ids %}[{% fetch id %}|{% lazy id %}]{% endfor %}{% for id in ids %}{{ slow }}{% tick %}{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // liveness only
	defer cancel()
	slow := func(context.Context) (string, error) { return "s", nil }
	got, err := tpl.RenderString(ctx, map[string]any{"ids": []int{1, 2, 3, 4, 5}, "slow": slow, "ticks": new(atomic.Int32)})
	want := "[user 1|10][user 2|20][user 3|30][user 4|40][user 5|50]s1s2s3s4s5"
	if err != nil || got != want {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
	if n := calls.Load(); n != 5 {
		t.Errorf("fetch called %d times, want once per use", n)
	}
}

// tickNode prints how many times a tick tag has rendered in this render
// (the counter is the data's "ticks"): its output depends on render order.
type tickNode struct{}

func (tickNode) Render(s *brender.State, out *brender.Out) error {
	v, _ := s.Scope.Get("ticks")
	fmt.Fprint(out, v.(*atomic.Int32).Add(1))
	return nil
}

// tickTag is a stateful tag (or, for the test that shows why the flag
// exists, one that says it is not).
func tickTag(stateful bool) braid.BlockTag {
	return braid.BlockTag{Stateful: stateful, Compile: func(*braid.TagCall) (brender.Node, error) { return tickNode{}, nil }}
}

// TestStatefulTag checks that a tag declared stateful keeps template
// order in a concurrent render: under the "late" schedule every node that
// may defer does, so a tick inside an if on a pending value would run
// after the tick that follows the loop, were the if allowed to defer.
func TestStatefulTag(t *testing.T) {
	src := `{% for i in ids %}{% if slow %}{% tick %}{% endif %}{% endfor %}|{% tick %}`
	for _, stateful := range []bool{true, false} {
		eng := braid.New(braid.WithTag("tick", tickTag(stateful)))
		tpl, err := eng.FromString(src)
		if err != nil {
			t.Fatal(err)
		}
		sch := schedtest.New("late", 0)
		got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), map[string]any{
			"ids": []int{1, 2, 3}, "slow": sch.Promise(true, nil), "ticks": new(atomic.Int32),
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := "123|4"; (got == want) != stateful {
			t.Errorf("stateful %v: %q (the sequential render prints %q)", stateful, got, want)
		}
	}
}

// TestCustomTagsScheduled renders the custom tags under every schedule,
// over pending data: the same bytes as the sequential render.
func TestCustomTagsScheduled(t *testing.T) {
	seq := tagEngine(braid.WithSequential())
	conc := tagEngine()
	src := `{% load shop %}{% price n %}|{% price n currency=c as p %}{{ p }}|{% shout s %}|{% cart l %}|{% upper %}{{ s }}{% endupper %}|{% total n n %}`
	data := map[string]any{"n": 3, "c": "EUR", "s": "<b>", "l": []any{"x", "y"}, "secret": "no"}
	a, err := seq.FromString(src)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := conc.FromString(src)
	want, err := a.RenderString(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	for _, sch := range scheduleCases() {
		ctx := brender.WithSchedule(context.Background(), sch)
		got, err := b.RenderString(ctx, pendingData(data, sch, false))
		if err != nil || got != want {
			t.Errorf("schedule %s: %q, %v; want %q", sch, got, err, want)
		}
	}
}

// TestStaticLibrary checks Django's static library through the engine.
func TestStaticLibrary(t *testing.T) {
	cdn := braid.New(braid.WithStatic(braid.StaticConfig{StaticURL: "https://cdn.example.com/s/", MediaURL: "/media/"}))
	hashed := braid.New(braid.WithStatic(braid.StaticConfig{URL: func(p string) string { return "/s/" + p + "?v=1" }}))
	for _, tt := range []struct {
		eng       *braid.Engine
		src, want string
	}{
		{braid.New(), `{% load static %}<link href="{% static "css/a b.css" %}">`, `<link href="/static/css/a%20b.css">`},
		{braid.New(), `{% load static %}{% static p as u %}[{{ u }}]`, `[/static/img/x.png]`},
		{braid.New(), `{% load static %}{% get_static_prefix %}|{% get_media_prefix as m %}[{{ m }}]`, `/static/|[]`},
		{cdn, `{% load static %}{% static "a.css" %} {% get_media_prefix %}`, `https://cdn.example.com/s/a.css /media/`},
		{hashed, `{% load static %}{% static "a.css" %}`, `/s/a.css?v=1`},
		{braid.New(), `{% load static %}{% static "x&y" %}`, `/static/x%26y`},
		{braid.New(), `{% load get_static_prefix from static %}{% get_static_prefix %}`, `/static/`},
	} {
		tpl, err := tt.eng.FromString(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{"p": "img/x.png"})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
	if _, err := braid.New().FromString(`{% static "a.css" %}`); err == nil || !strings.Contains(err.Error(), `load it first with {% load static %}`) {
		t.Errorf("static without load: %v", err)
	}
}

// TestHumanizeLibrary checks that the engine provides Django's humanize.
func TestHumanizeLibrary(t *testing.T) {
	tpl, err := braid.New().FromString(`{% load humanize %}{{ n|intcomma }} {{ n|intword }} {{ 3|apnumber }} {{ 22|ordinal }}`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tpl.RenderString(context.Background(), map[string]any{"n": 1290000})
	if want := "1,290,000 1.3 million three 22nd"; err != nil || got != want {
		t.Errorf("%q, %v; want %q", got, err, want)
	}
}

// TestCacheLibrary checks that the engine provides Django's cache library
// over its store.
func TestCacheLibrary(t *testing.T) {
	eng := braid.New()
	tpl, err := eng.FromString(`{% load cache %}{% cache 300 box %}{{ n }}{% endcache %}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 2} {
		if got, err := tpl.RenderString(context.Background(), map[string]any{"n": n}); err != nil || got != "1" {
			t.Errorf("render %d: %q, %v; want the cached 1", n, got, err)
		}
	}
}

// panicNode reads its argument (deferring while it is pending) and then
// panics, as buggy application code might.
type panicNode struct{ arg brender.Expr }

func (n panicNode) Render(s *brender.State, out *brender.Out) error {
	v, deferred, err := compiler.Consume(s, out, brender.Pos{}, "{% boom %}", n.arg, false, n)
	if deferred || err != nil {
		return err
	}
	panic(fmt.Sprintf("boom on %v", v))
}

// TestCustomTagPanics checks that a panic in an application's tag, while
// compiling, while rendering in the page's walk, or after the node
// deferred on a pending value (on another goroutine), is a positioned
// error naming the tag, in both modes, and that the process goes on.
func TestCustomTagPanics(t *testing.T) {
	defer goleak.VerifyNone(t)
	boom := braid.BlockTag{Compile: func(call *braid.TagCall) (brender.Node, error) {
		args, err := call.Args()
		if err != nil {
			return nil, err
		}
		if len(args.Args) == 0 {
			panic("no argument")
		}
		return panicNode{call.Expr(args.Args[0].Value)}, nil
	}}
	for _, opt := range []braid.Option{braid.WithConcurrency(4), braid.WithSequential()} {
		eng := braid.New(opt, braid.WithTag("boom", boom))
		_, err := eng.FromString("ok\n {% boom %}")
		if err == nil || !strings.Contains(err.Error(), "2:2: {% boom %}: panic while compiling: no argument") {
			t.Errorf("compile: %v", err)
		}
		tpl, err := eng.FromString("a{% boom x %}b\n{% boom slow %}")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err = tpl.Render(context.Background(), &buf, map[string]any{"x": 1})
		if err == nil || !strings.Contains(err.Error(), "1:2: {% boom %}: panic while rendering") || !strings.Contains(err.Error(), "boom on 1") {
			t.Errorf("in the walk: %v", err)
		}
		if buf.String() != "a" {
			t.Errorf("in the walk: wrote %q, want the valid prefix %q", buf.String(), "a")
		}
		slow := func(ctx context.Context) (int, error) { return 2, nil }
		_, err = tpl.RenderString(context.Background(), map[string]any{"x": slow, "slow": slow})
		if err == nil || !strings.Contains(err.Error(), "{% boom %}: panic while rendering") || !strings.Contains(err.Error(), "boom on 2") {
			t.Errorf("deferred: %v", err)
		}
	}
}
