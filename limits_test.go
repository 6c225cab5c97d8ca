package braid_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
	"go.uber.org/goleak"
)

// limitCase is a template that goes past one of the engine's limits.
type limitCase struct {
	name  string
	opts  []braid.Option
	files map[string]string // sources; the case renders "page.html"
	data  map[string]any
	// err is the whole error; option the LimitError's; out what the
	// writer got before it (a prefix of the page).
	err, option, out string
}

var limitCases = []limitCase{
	{
		name: "output", opts: []braid.Option{braid.WithMaxOutput(10)},
		files: map[string]string{"page.html": "{% for i in items %}<b>{{ i }}</b>{% endfor %}"},
		data:  map[string]any{"items": []int{1, 2, 3}},
		err:   "page.html:1:21: the output is longer than 10 bytes (braid.WithMaxOutput(10))", option: "WithMaxOutput",
	},
	{
		name: "output of text", opts: []braid.Option{braid.WithMaxOutput(5)},
		files: map[string]string{"page.html": "{{ a }}\nsix bytes"},
		data:  map[string]any{"a": "x"},
		err:   "page.html:1:8: the output is longer than 5 bytes (braid.WithMaxOutput(5))", option: "WithMaxOutput",
	},
	{
		name: "output within the limit", opts: []braid.Option{braid.WithMaxOutput(9)},
		files: map[string]string{"page.html": "{{ a }}{{ a }}{{ a }}"},
		data:  map[string]any{"a": "abc"},
		out:   "abcabcabc",
	},
	{
		name: "output of an include", opts: []braid.Option{braid.WithMaxOutput(100)},
		files: map[string]string{"page.html": "{% for i in items %}{% include 'row.html' %}{% endfor %}", "row.html": "<tr><td>{{ i }}</td></tr>\n"},
		data:  map[string]any{"items": make([]int, 20)},
		err:   "row.html:1:1: the output is longer than 100 bytes (braid.WithMaxOutput(100))", option: "WithMaxOutput",
	},
	{
		name: "steps in a loop", opts: []braid.Option{braid.WithMaxSteps(100)},
		files: map[string]string{"page.html": "start {% for i in items %}{% endfor %}"},
		data:  map[string]any{"items": make([]int, 1000)},
		err:   "page.html:1:7: the render takes more than 100 steps (braid.WithMaxSteps(100))", option: "WithMaxSteps", out: "start ",
	},
	{
		name: "steps of nested loops", opts: []braid.Option{braid.WithMaxSteps(1000)},
		files: map[string]string{"page.html": "{% for a in l %}{% for b in l %}{% for c in l %}{{ c }}{% endfor %}{% endfor %}{% endfor %}"},
		data:  map[string]any{"l": make([]int, 100)},
		err:   "page.html:1:49: the render takes more than 1000 steps (braid.WithMaxSteps(1000))", option: "WithMaxSteps", out: "*",
	},
	{
		// A macro calling itself twice, 30 deep: 2^30 calls within the
		// depth limit, stopped by steps.
		name: "steps of a macro that doubles", opts: []braid.Option{braid.WithMaxSteps(10000)},
		files: map[string]string{"page.html": "{% macro f(n) %}{% if n %}{{ f(n|add:-1) }}{{ f(n|add:-1) }}{% endif %}{% endmacro %}{{ f(30) }}"},
		err:   "page.html:1:27: the render takes more than 10000 steps (braid.WithMaxSteps(10000))", option: "WithMaxSteps",
	},
	{
		name: "steps within the limit", opts: []braid.Option{braid.WithMaxSteps(12)},
		files: map[string]string{"page.html": "{% for i in items %}{{ i }}{% endfor %}"},
		data:  map[string]any{"items": []int{1, 2, 3, 4, 5}},
		out:   "12345",
	},
	{
		name:  "an include that includes itself",
		files: map[string]string{"page.html": "{% include 'a.html' %}", "a.html": "a{% include 'b.html' %}", "b.html": "b{% include 'a.html' %}"},
		err:   "b.html:1:2: {% include %}: templates nested deeper than 64 (braid.WithMaxIncludeDepth(64)): page.html → a.html → b.html → a.html → …", option: "WithMaxIncludeDepth",
		out: strings.Repeat("ab", 32),
	},
	{
		name: "includes deeper than the limit", opts: []braid.Option{braid.WithMaxIncludeDepth(2)},
		files: map[string]string{"page.html": "{% include 'a.html' %}", "a.html": "{% include 'b.html' %}", "b.html": "{% include 'c.html' %}", "c.html": "c"},
		err:   "b.html:1:1: {% include %}: templates nested deeper than 2 (braid.WithMaxIncludeDepth(2)): page.html → a.html → b.html → c.html", option: "WithMaxIncludeDepth",
	},
	{
		name: "includes within the limit", opts: []braid.Option{braid.WithMaxIncludeDepth(3)},
		files: map[string]string{"page.html": "{% include 'a.html' %}", "a.html": "{% include 'b.html' %}", "b.html": "{% include 'c.html' %}", "c.html": "c"},
		out:   "c",
	},
	{
		name: "an ssi that includes itself", opts: []braid.Option{braid.WithMaxIncludeDepth(3)},
		files: map[string]string{"page.html": "{% ssi 'page.html' parsed %}"},
		err:   "page.html:1:1: {% ssi %}: templates nested deeper than 3 (braid.WithMaxIncludeDepth(3)): page.html → page.html → …", option: "WithMaxIncludeDepth",
	},
	{
		name: "a chain of extends", opts: []braid.Option{braid.WithMaxIncludeDepth(2)},
		files: map[string]string{"page.html": "{% extends 'b1.html' %}", "b1.html": "{% extends 'b2.html' %}", "b2.html": "{% extends 'b3.html' %}", "b3.html": "base"},
		err:   "b1.html:1:1: {% extends %}: more than 2 templates extend each other (braid.WithMaxIncludeDepth(2)): page.html → b1.html → b2.html", option: "WithMaxIncludeDepth",
	},
	{
		name:  "a macro that calls itself",
		files: map[string]string{"page.html": "{% macro tree(n) %}<ul>{{ tree(n) }}</ul>{% endmacro %}{{ tree(1) }}"},
		err:   "page.html:1:27: calling tree: macro calls nested deeper than 64 (braid.WithMaxMacroDepth(64)): page.html → macro tree → macro tree → …", option: "WithMaxMacroDepth",
	},
	{
		name: "macros within the limit", opts: []braid.Option{braid.WithMaxMacroDepth(6)},
		files: map[string]string{"page.html": "{% macro f(n) %}{% if n %}({{ f(n|add:-1) }}){% endif %}{% endmacro %}{{ f(5) }}"},
		out:   "(((((" + ")))))",
	},
	{
		name: "macros deeper than the limit", opts: []braid.Option{braid.WithMaxMacroDepth(5)},
		files: map[string]string{"page.html": "{% macro f(n) %}{% if n %}({{ f(n|add:-1) }}){% endif %}{% endmacro %}{{ f(5) }}"},
		err:   "page.html:1:31: calling f: macro calls nested deeper than 5 (braid.WithMaxMacroDepth(5)): page.html → macro f → macro f → …", option: "WithMaxMacroDepth",
	},
	{
		name: "source size", opts: []braid.Option{braid.WithMaxSourceSize(100)},
		files: map[string]string{"page.html": "{% include 'big.html' %}", "big.html": strings.Repeat("x", 101)},
		err:   "big.html:1:1: the template is 101 bytes, longer than 100 (braid.WithMaxSourceSize)", option: "WithMaxSourceSize",
	},
	{
		name: "nesting of tags", opts: []braid.Option{braid.WithMaxNesting(3)},
		files: map[string]string{"page.html": "{% if a %}{% if b %}{% if c %}{% if d %}{% endif %}{% endif %}{% endif %}{% endif %}"},
		err:   "page.html:1:31: tags nested deeper than 3 levels",
	},
	{
		name:  "nesting of lookups",
		files: map[string]string{"page.html": "ok\n{{ user" + strings.Repeat(".parent", 513) + " }}"},
		err:   "page.html:2:4: expression nested deeper than 512 levels",
	},
	{
		name: "nesting of expressions", opts: []braid.Option{braid.WithMaxNesting(3)},
		files: map[string]string{"page.html": "{{ a + b + c + d + e }}"},
		err:   "page.html:1:4: expression nested deeper than 3 levels",
	},
}

// TestLimits: each limit stops a render, or a compile, with a positioned
// error whose cause is a *braid.LimitError naming the option, after
// writing no more than what comes before the node that went past it.
func TestLimits(t *testing.T) {
	for _, tc := range limitCases {
		t.Run(tc.name, func(t *testing.T) {
			eng := braid.New(append(tc.opts, braid.WithFS(mapFS(tc.files)), braid.WithSequential())...)
			var out strings.Builder
			err := renderPage(eng, context.Background(), &out, tc.data)
			checkLimit(t, tc, err, out.String())
		})
	}
}

// TestLimitsConcurrent renders the same cases with every value of the
// data pending, under the schedule that defers every node that can
// (their output is written by deferred nodes, in placeholders), and with
// real goroutines: the same error, the same prefix, and no goroutine left.
func TestLimitsConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, tc := range limitCases {
		t.Run(tc.name, func(t *testing.T) {
			eng := braid.New(append(tc.opts, braid.WithFS(mapFS(tc.files)))...)
			sch := schedtest.New("late", 1)
			var out strings.Builder
			err := renderPage(eng, brender.WithSchedule(context.Background(), sch), &out, pendingData(orEmpty(tc.data), sch, false))
			checkLimit(t, tc, err, out.String())

			// Goroutines: the deferred nodes run on them, in any order.
			out.Reset()
			err = renderPage(eng, context.Background(), &out, lazyTop(orEmpty(tc.data)))
			if tc.err == "" {
				checkLimit(t, tc, err, out.String())
				return
			}
			var le *braid.LimitError
			if tc.option != "" && !errors.As(err, &le) {
				t.Fatalf("concurrent: %v is not a LimitError", err)
			}
			var e *braid.Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 || e.Template == "" {
				t.Fatalf("concurrent: %v is not positioned", err)
			}
		})
	}
}

// TestOutputLimitConcurrent: nodes that write on other goroutines,
// together, past the limit: the writer gets no more than the limit,
// whichever node goes past it, and the error is that node's.
func TestOutputLimitConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	const limit = 1000
	eng := braid.New(braid.WithMaxOutput(limit), braid.WithConcurrency(8))
	tpl, err := eng.FromString(`{% for w in widgets %}<div>{{ w.Body }}</div>{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	widgets := make([]any, 50)
	for i := range widgets {
		body := strings.Repeat("x", 97)
		widgets[i] = map[string]any{"Body": func(ctx context.Context) (string, error) { return body, nil }}
	}
	for range 20 {
		var out countingWriter
		err := tpl.Render(context.Background(), &out, map[string]any{"widgets": widgets})
		var le *braid.LimitError
		if !errors.As(err, &le) || le.Option != "WithMaxOutput" {
			t.Fatalf("got %v, want the output limit", err)
		}
		if !strings.HasPrefix(err.Error(), "string#1:1:") {
			t.Fatalf("not at a node of the template: %v", err)
		}
		if out.n > limit { // the output writes to it under a lock: no race
			t.Fatalf("the writer got %d bytes, more than %d", out.n, limit)
		}
	}
}

// TestStepLimitConcurrent: the steps of nodes rendering on other
// goroutines count together.
func TestStepLimitConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	eng := braid.New(braid.WithMaxSteps(500), braid.WithConcurrency(4))
	tpl, err := eng.FromString(`{% for w in widgets %}{% for i in w.Items %}{{ i }}{% endfor %}{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	widgets := make([]any, 20)
	for i := range widgets {
		widgets[i] = map[string]any{"Items": func(ctx context.Context) ([]int, error) { return make([]int, 50), nil }}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := tpl.RenderString(context.Background(), map[string]any{"widgets": widgets})
			var le *braid.LimitError
			if !errors.As(err, &le) || le.Option != "WithMaxSteps" {
				t.Errorf("got %v, want the step limit", err)
			}
		}()
	}
	wg.Wait()
}

// TestSourceSize: FromString, a file and an include of one are refused
// past the limit, the file not read past it; the default is 16 MiB.
func TestSourceSize(t *testing.T) {
	eng := braid.New(braid.WithMaxSourceSize(10), braid.WithFS(fstest.MapFS{"big.html": {Data: []byte("0123456789A")}, "ok.html": {Data: []byte("0123456789")}}))
	tests := []struct {
		get  func() (*braid.Template, error)
		want string
	}{
		{func() (*braid.Template, error) { return eng.FromString("0123456789A") }, "string#1:1:1: the template is 11 bytes, longer than 10 (braid.WithMaxSourceSize)"},
		{func() (*braid.Template, error) { return eng.Template("big.html") }, "big.html:1:1: the template is 11 bytes, longer than 10 (braid.WithMaxSourceSize)"},
		{func() (*braid.Template, error) { return eng.Template("ok.html") }, ""},
		{func() (*braid.Template, error) { return eng.FromString("0123456789") }, ""},
	}
	for _, tt := range tests {
		_, err := tt.get()
		if tt.want == "" {
			if err != nil {
				t.Error(err)
			}
			continue
		}
		var le *braid.LimitError
		if err == nil || err.Error() != tt.want || !errors.As(err, &le) || le.Max != 10 {
			t.Errorf("got %v, want %s", err, tt.want)
		}
	}
	if _, err := braid.New().FromString(strings.Repeat("x", braid.DefaultMaxSourceSize+1)); err == nil {
		t.Error("no error past the default size")
	}
}

// TestTemplateContext: a compile stops when the caller's context ends,
// with an error that wraps the context's, and its result is not cached:
// the next request compiles the template.
func TestTemplateContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	src := strings.Repeat("{% if x %}{{ x.y|upper }}{% endif %}\n", 20000)
	eng := braid.New(braid.WithFS(fstest.MapFS{"big.html": {Data: []byte(src)}}))
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.TemplateContext(canceled, "big.html"); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	// A context that ends while the compile runs: after a number of
	// looks at it, so the test needs no clock.
	ctx := &endingContext{Context: context.Background(), after: 20}
	_, err := eng.TemplateContext(ctx, "big.html")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	var e *braid.Error
	if !errors.As(err, &e) || e.Template != "big.html" || e.Line < 2 {
		t.Fatalf("the stopped compile's error is not positioned past the start: %v", err)
	}
	if _, err := eng.Template("big.html"); err != nil {
		t.Fatalf("the stopped compile was cached: %v", err)
	}
	if _, err := eng.FromStringContext(&endingContext{Context: context.Background(), after: 5}, src); !errors.Is(err, context.Canceled) {
		t.Fatalf("FromStringContext: got %v, want context.Canceled", err)
	}
}

// endingContext's Err is context.Canceled after it has been asked after
// times.
type endingContext struct {
	context.Context
	mu    sync.Mutex
	after int
}

func (c *endingContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.after--; c.after < 0 {
		return context.Canceled
	}
	return nil
}

// TestCompileLinear: compiling four times the source allocates about
// four times the bytes (no wall clock: allocated bytes count the work),
// for the smallest tag repeated, every kind of construct, and lookup
// chains and operator chains as long as the nesting limit allows; before,
// a chain a.b.b… cost its length squared (each link held its own path).
func TestCompileLinear(t *testing.T) {
	chain := "{{ a" + strings.Repeat(".b", 500) + " }}\n"
	cases := []struct {
		name string
		src  func(k int) string
	}{
		{"{{ x }}", func(k int) string { return strings.Repeat("{{ x }}", k*20000) }},
		{"every construct", func(k int) string { return constructs(k * 100) }},
		{"lookup chains", func(k int) string { return strings.Repeat(chain, k*40) }},
		{"subscript chains", func(k int) string { return strings.Repeat("{{ a"+strings.Repeat("[0]", 500)+" }}\n", k*5) }},
		{"operator chains", func(k int) string { return strings.Repeat("{{ 1"+strings.Repeat(" + 1", 500)+" }}\n", k*4) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			small := compileAlloc(t, tc.src(1))
			large := compileAlloc(t, tc.src(4))
			t.Logf("%d, %d bytes: %.2f×", small, large, float64(large)/float64(small))
			if r := float64(large) / float64(small); r > 4.6 {
				t.Errorf("4× the source allocates %.2f× the bytes (%d, %d)", r, small, large)
			}
		})
	}
}

// TestCompiledSize: a compiled template holds about ten times its source
// at most, for the densest template there is ({{ x }} repeated), and
// less for ordinary ones.
func TestCompiledSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		max  float64
	}{
		{"{{ x }}", strings.Repeat("{{ x }}", 1<<20/7), 10.5},
		{"every construct", constructs(1000), 10},
		{"lookup chains", strings.Repeat("{{ a"+strings.Repeat(".b", 500)+" }}\n", 1000), 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng := braid.New()
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			tpl, err := eng.FromString(tc.src)
			runtime.GC()
			runtime.ReadMemStats(&m1)
			if err != nil {
				t.Fatal(err)
			}
			held := float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / float64(len(tc.src))
			runtime.KeepAlive(tpl)
			t.Logf("%.1f× the source", held)
			if held > tc.max {
				t.Errorf("the compiled template holds %.1f× its source, more than %.1f×", held, tc.max)
			}
		})
	}
}

// constructs is a template of n copies of every kind of construct.
func constructs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "<h1>{{ title|default:\"Untitled\"|title }}</h1>\n"+
			"{%% for post in posts reversed %%}<li class=\"{%% cycle 'odd' 'even' %%}\">{{ forloop.counter }}. {{ post.title|truncatechars:30 }}</li>{%% empty %%}<li>none</li>{%% endfor %%}\n"+
			"{%% if user.is_authenticated and not user.banned or perms.admin %%}hi {{ user.name }}{%% elif x > -1 %%}x{%% else %%}anon{%% endif %%}\n"+
			"{%% with total=items|length %%}{{ total }} item{{ total|pluralize }}{%% endwith %%}\n"+
			"{%% block b%d %%}{{ block.super }}{%% endblock %%}{# a comment #}{%% comment \"note\" %%}{%% if broken {%% endcomment %%}\n"+
			"{{ a + b * (c - 2) ^ 2 }} {{ fn(a, \"b\")[0].name }} {{ _(\"Hello\") }} {{ -1|add:2 }}\n"+
			"{%% firstof a b \"fallback\" as x %%}{%% now \"Y-m-d\" %%}{%% widthratio v 100 50 %%}{%% set y = a * 2 %%}\n"+
			"Plain text line with no tags at all, just words and <b>markup</b> to copy.\n", i)
	}
	return b.String()
}

// compileAlloc is the bytes compiling src allocates.
func compileAlloc(t *testing.T, src string) uint64 {
	eng := braid.New()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	_, err := eng.FromString(src)
	runtime.ReadMemStats(&m1)
	if err != nil {
		t.Fatal(err)
	}
	return m1.TotalAlloc - m0.TotalAlloc
}

// checkLimit compares a render's error and output with the case's.
func checkLimit(t *testing.T, tc limitCase, err error, out string) {
	t.Helper()
	if tc.err == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
	} else {
		if err == nil || err.Error() != tc.err {
			t.Fatalf("got error  %v\nwant error %s", err, tc.err)
		}
		var le *braid.LimitError
		if tc.option != "" && (!errors.As(err, &le) || le.Option != tc.option) {
			t.Fatalf("the cause of %v is not a LimitError for %s", err, tc.option)
		}
	}
	if tc.out != "*" && (tc.out != "" && out != tc.out || tc.out == "" && tc.err != "" && out != "") {
		t.Fatalf("output %q, want %q", out, tc.out)
	}
}

// renderPage renders page.html, or returns its compile error.
func renderPage(eng *braid.Engine, ctx context.Context, out *strings.Builder, data map[string]any) error {
	tpl, err := eng.Template("page.html")
	if err != nil {
		return err
	}
	return tpl.Render(ctx, out, data)
}

func mapFS(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, src := range files {
		fs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fs
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// lazyTop makes each top-level value a lazy one that answers at once, on
// a goroutine of the render.
func lazyTop(data map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range data {
		out[k] = func(context.Context) (any, error) { return v, nil }
	}
	return out
}
