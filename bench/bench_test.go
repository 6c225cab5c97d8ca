package bench

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/google/go-cmp/cmp"
)

// render renders page with engine once.
func render(t testing.TB, engine, page string, data map[string]any) string {
	t.Helper()
	r, err := NewRenderer(engine, page, data)
	if err != nil {
		t.Fatalf("%s %s: compile: %v", engine, page, err)
	}
	var buf bytes.Buffer
	if err := r(&buf); err != nil {
		t.Fatalf("%s %s: render: %v", engine, page, err)
	}
	return buf.String()
}

// TestSameOutput checks that the engines print each page byte for byte
// alike, so that the benchmarks compare the same work. braid is compared
// with pongo2, jet and html/template as is, with no normalisation; text/
// template does not escape, so it is compared with braid with autoescape
// off (same data, same templates otherwise).
func TestSameOutput(t *testing.T) {
	for _, page := range Pages {
		t.Run(page, func(t *testing.T) {
			data := PageData(page)
			want := render(t, Braid, page, data)
			checkPage(t, page, want)
			for _, engine := range []string{Pongo2, Jet, HTML} {
				got := render(t, engine, page, data)
				if got != want {
					t.Errorf("%s: output differs from braid's (-braid +%s):\n%s", engine, engine, diff(want, got))
				}
			}

			r, err := newBraid(page, data, braid.WithAutoescape(false))
			if err != nil {
				t.Fatalf("braid without autoescape: %v", err)
			}
			var raw bytes.Buffer
			if err := r(&raw); err != nil {
				t.Fatalf("braid without autoescape: %v", err)
			}
			if strings.Contains(raw.String(), "&amp;") || !strings.Contains(raw.String(), " & <") {
				t.Errorf("braid with autoescape off still escapes")
			}
			if got := render(t, Text, page, data); got != raw.String() {
				t.Errorf("%s: output differs from braid's with autoescape off (-braid +%s):\n%s", Text, Text, diff(raw.String(), got))
			}
		})
	}
}

// checkPage makes sure braid's page is the page meant, so that the engines
// cannot agree on an empty or broken page.
func checkPage(t *testing.T, page, out string) {
	t.Helper()
	mustContain := map[string][]string{
		Simple: {
			"<title>Lists &amp; &lt;notes&gt;</title>",
			"Hello, Grace &lt;Hopper&gt; &amp; co.",
			`<li id="item-5">5. EGGS &gt; 6</li>`,
		},
		Complex: {
			"<title>Latest articles &amp; &lt;notes&gt; | Braid &amp; friends</title>",
			`<header class="site-header">`,
			`<aside class="sidebar">`,
			`<a href="/c/r-and-d">R&amp;d</a> (16)`,
			`<footer class="site-footer">`,
			"80 articles on this page.",
			"<h2>3. Escaping &lt;script&gt; tags in pra…</h2>", // truncatechars
			"by anonymous in",                                  // default
			"3 tags: &lt;perf&gt;, django, streaming</p>",      // join and length
			"in R&amp;D</p>",                                   // upper
			`<article id="a1079">`,
		},
		Table: {
			"<tr><td>1</td><td>Smith &amp; &lt;Sons&gt; 00000</td><td>user00000@example.com</td><td>no</td></tr>\n",
			"<tr><td>10000</td><td>User no. 09999</td><td>user09999@example.com</td><td>no</td></tr>\n</tbody>",
		},
	}
	for _, s := range mustContain[page] {
		if !strings.Contains(out, s) {
			t.Errorf("braid's %s page lacks %q", page, s)
		}
	}
	if page == Table {
		if n := strings.Count(out, "<tr><td>"); n != tableRows {
			t.Errorf("table page has %d rows, want %d", n, tableRows)
		}
	}
	t.Logf("%s page: %d bytes", page, len(out))
}

// diff is a line diff of want and got, cut short: the pages are long.
func diff(want, got string) string {
	d := cmp.Diff(want, got)
	const limit = 6000
	if len(d) > limit {
		d = d[:limit] + "\n... (diff cut)"
	}
	// Point at the first difference too, as diffs of long lines hide it.
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("first difference at byte %d:\n  braid: %q\n  other: %q\n%s",
		i, want[lo:min(len(want), i+80)], got[lo:min(len(got), i+80)], d)
}

func BenchmarkSimple(b *testing.B)  { benchPage(b, Simple) }
func BenchmarkComplex(b *testing.B) { benchPage(b, Complex) }
func BenchmarkTable(b *testing.B)   { benchPage(b, Table) }

// benchPage runs one sub-benchmark per engine: the data is built once and
// each template compiled once, outside the timed loop; each iteration
// renders the whole page to io.Discard.
func benchPage(b *testing.B, page string) {
	data := PageData(page)
	for _, engine := range Engines {
		b.Run(engine, func(b *testing.B) {
			r, err := NewRenderer(engine, page, data)
			if err != nil {
				b.Fatal(err)
			}
			var cw countWriter
			if err := r(&cw); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			for b.Loop() {
				if err := r(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// countWriter counts the bytes of a page.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
