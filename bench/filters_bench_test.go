package bench

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	"github.com/flosch/pongo2/v6"
)

// filterBench is one filter benchmark: a small template applying the
// filter to a realistic input, written for each engine that has the
// filter.
type filterBench struct {
	name   string
	data   map[string]any
	braid  string
	pongo2 string // "" where pongo2 has no such filter
	same   bool   // whether both engines print the same (TestFilterBenchOutputs)
}

// benchParagraph is about 200 characters of text with two URLs.
const benchParagraph = "braid renders Django templates from Go programs and streams the page while " +
	"slow values load. Read the guide at https://docs.example.com/braid/templates/ and " +
	"report problems on www.example.org/braid/issues, please."

// benchHTML is about 1 KB of article markup.
const benchHTML = `<article class="post">` +
	`<h2>Rendering <em>Django</em> templates in Go</h2>` +
	`<p>Templates written for Django render unchanged: the same tags, the same filters ` +
	`and the same escaping rules, byte for byte. <strong>Autoescaping</strong> is on by ` +
	`default, and values marked safe are written as they are.</p>` +
	`<p>Slow values, such as a query or a call to another service, start as soon as the ` +
	`page needs them and resolve in parallel; the output still comes out in order, so a ` +
	`reader sees the header at once and the rest as it arrives. See ` +
	`<a href="https://docs.example.com/braid/streaming">the streaming guide</a> for the ` +
	`details and <a href="https://docs.example.com/braid/api">the API reference</a>.</p>` +
	`<ul><li>Filters are plain functions over values.</li>` +
	`<li>Tags compile once; templates are cached.</li>` +
	`<li>Errors name the template, the line and the column.</li></ul>` +
	`<blockquote><p>Write the page once, render it everywhere.</p></blockquote>` +
	`<p>Questions go to the mailing list; patches go to the tracker, with a test.</p>` +
	`</article>`

func filterBenches() []filterBench {
	return []filterBench{
		{
			name:   "date",
			data:   map[string]any{"v": time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)},
			braid:  `<time>{{ v|date:"D d M Y H:i" }}</time>`,
			pongo2: `<time>{{ v|date:"Mon 02 Jan 2006 15:04" }}</time>`,
			same:   true,
		},
		{
			name:   "floatformat",
			data:   map[string]any{"v": 1234.56789},
			braid:  `<td>{{ v|floatformat:2 }}</td>`,
			pongo2: `<td>{{ v|floatformat:2 }}</td>`,
			same:   true,
		},
		{
			name:   "urlize",
			data:   map[string]any{"v": benchParagraph},
			braid:  `<p>{{ v|urlize }}</p>`,
			pongo2: `<p>{{ v|urlize|safe }}</p>`, // pongo2 does not mark urlize's links safe
		},
		{
			name:   "truncatechars_html",
			data:   map[string]any{"v": braid.Safe(benchHTML)},
			braid:  `<div>{{ v|truncatechars_html:100 }}</div>`,
			pongo2: `<div>{{ v|safe|truncatechars_html:100 }}</div>`,
		},
		{
			name:  "slugify",
			data:  map[string]any{"v": "Écrire des gabarits Django rapides en Go : à quoi ça sert, déjà ?"},
			braid: `<a href="/posts/{{ v|slugify }}/">`,
		},
	}
}

// filterRenderers compiles fb for each engine that has the filter.
func filterRenderers(tb testing.TB, fb filterBench) map[string]Renderer {
	tb.Helper()
	eng := braid.New()
	bt, err := eng.FromString(fb.braid)
	if err != nil {
		tb.Fatalf("%s: braid: %v", fb.name, err)
	}
	ctx := context.Background()
	r := map[string]Renderer{
		Braid: func(w io.Writer) error { return bt.Render(ctx, w, fb.data) },
	}
	if fb.pongo2 != "" {
		pdata := pongo2.Context{}
		for k, v := range fb.data {
			if s, ok := v.(braid.SafeString); ok {
				v = string(s) // pongo2 marks it safe in the template
			}
			pdata[k] = v
		}
		pt, err := pongo2.FromString(fb.pongo2)
		if err != nil {
			tb.Fatalf("%s: pongo2: %v", fb.name, err)
		}
		r[Pongo2] = func(w io.Writer) error { return pt.ExecuteWriter(pdata, w) }
	}
	return r
}

// TestFilterBenchOutputs renders each benchmark once, so that a broken
// template cannot make a benchmark fast, and checks that the engines agree
// where they should (elsewhere knownDifferences has the reasons).
func TestFilterBenchOutputs(t *testing.T) {
	for _, fb := range filterBenches() {
		outs := map[string]string{}
		for engine, r := range filterRenderers(t, fb) {
			var b strings.Builder
			if err := r(&b); err != nil {
				t.Fatalf("%s/%s: %v", fb.name, engine, err)
			}
			outs[engine] = b.String()
			t.Logf("%s/%s: %s", fb.name, engine, b.String())
		}
		if fb.same && outs[Braid] != outs[Pongo2] {
			t.Errorf("%s: braid printed %q, pongo2 %q", fb.name, outs[Braid], outs[Pongo2])
		}
	}
}

// BenchmarkFilter renders one filter on a realistic input per engine:
// BenchmarkFilter/<filter>/<engine>.
func BenchmarkFilter(b *testing.B) {
	for _, fb := range filterBenches() {
		b.Run(fb.name, func(b *testing.B) {
			rs := filterRenderers(b, fb)
			for _, engine := range []string{Braid, Pongo2} {
				r, ok := rs[engine]
				if !ok {
					continue
				}
				b.Run(engine, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if err := r(io.Discard); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
