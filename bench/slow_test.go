package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	"github.com/flosch/pongo2/v6"
)

// The slow-data scenarios of the concurrency issue: pages whose values
// take time, rendered by braid concurrently, braid sequentially, and
// pongo2 (blocking functions in its context, which is what pongo2 users
// write). Each reports ttfb-ms: the time to the first byte written.

const widgetPageBraid = `<h1>Dashboard</h1>{% for w in widgets %}<section><h2>{{ w.Title }}</h2>{{ w.Body }}</section>{% endfor %}<footer>end</footer>`
const widgetPagePongo2 = `<h1>Dashboard</h1>{% for w in widgets %}<section><h2>{{ w.Title }}</h2>{{ w.Body() }}</section>{% endfor %}<footer>end</footer>`

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil // zero latency: the value is pending until called, then ready
	}
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// widgetsBraid: n widgets whose Body is a lazy value taking d.
func widgetsBraid(n int, d time.Duration) map[string]any {
	ws := make([]map[string]any, n)
	for i := range ws {
		ws[i] = map[string]any{"Title": fmt.Sprintf("widget %d", i), "Body": func(ctx context.Context) (string, error) {
			return fmt.Sprintf("body %d", i), sleepCtx(ctx, d)
		}}
	}
	return map[string]any{"widgets": ws}
}

// widgetsPongo2: the same with blocking functions.
func widgetsPongo2(n int, d time.Duration) pongo2.Context {
	ws := make([]map[string]any, n)
	for i := range ws {
		ws[i] = map[string]any{"Title": fmt.Sprintf("widget %d", i), "Body": func() string {
			time.Sleep(d)
			return fmt.Sprintf("body %d", i)
		}}
	}
	return pongo2.Context{"widgets": ws}
}

// Post has an ORM-style method: each call is a query.
type Post struct {
	Title string
	delay time.Duration
}

// Author queries the post's author (concurrently, in braid).
func (p *Post) Author(ctx context.Context) (string, error) {
	return "author of " + p.Title, sleepCtx(ctx, p.delay)
}

// AuthorBlocking is the same query for pongo2.
func (p *Post) AuthorBlocking() string {
	time.Sleep(p.delay)
	return "author of " + p.Title
}

func posts(n int, d time.Duration) []*Post {
	ps := make([]*Post, n)
	for i := range ps {
		ps[i] = &Post{Title: fmt.Sprintf("post %d", i), delay: d}
	}
	return ps
}

// firstByte is a writer that records when the first byte came.
type firstByte struct {
	start time.Time
	first time.Duration
}

func (w *firstByte) Write(p []byte) (int, error) {
	if w.first == 0 && len(p) > 0 {
		w.first = time.Since(w.start)
	}
	return len(p), nil
}

func benchSlow(b *testing.B, render func(w io.Writer) error) {
	b.ReportAllocs()
	var ttfb time.Duration
	for b.Loop() {
		w := &firstByte{start: time.Now()}
		if err := render(w); err != nil {
			b.Fatal(err)
		}
		ttfb += w.first
	}
	b.ReportMetric(float64(ttfb.Microseconds())/1000/float64(b.N), "ttfb-ms")
}

func braidTemplate(b *testing.B, src string, opts ...braid.Option) *braid.Template {
	tpl, err := braid.New(opts...).FromString(src)
	if err != nil {
		b.Fatal(err)
	}
	return tpl
}

// BenchmarkWidgets: 20 widgets × 20 ms.
func BenchmarkWidgets(b *testing.B) {
	ctx := context.Background()
	b.Run("braid", func(b *testing.B) {
		tpl, data := braidTemplate(b, widgetPageBraid), widgetsBraid(20, 20*time.Millisecond)
		benchSlow(b, func(w io.Writer) error { return tpl.Render(ctx, w, data) })
	})
	b.Run("braid_sequential", func(b *testing.B) {
		tpl, data := braidTemplate(b, widgetPageBraid, braid.WithSequential()), widgetsBraid(20, 20*time.Millisecond)
		benchSlow(b, func(w io.Writer) error { return tpl.Render(ctx, w, data) })
	})
	b.Run("braid_outoforder", func(b *testing.B) {
		tpl, data := braidTemplate(b, widgetPageBraid, braid.WithOutOfOrder(true)), widgetsBraid(20, 20*time.Millisecond)
		benchSlow(b, func(w io.Writer) error { return tpl.Render(ctx, w, data) })
	})
	b.Run("pongo2", func(b *testing.B) {
		tpl := pongo2.Must(pongo2.FromString(widgetPagePongo2))
		data := widgetsPongo2(20, 20*time.Millisecond)
		benchSlow(b, func(w io.Writer) error { return tpl.ExecuteWriter(data, w) })
	})
}

// BenchmarkListLazyMethod: 50 list items × one 10 ms method each.
func BenchmarkListLazyMethod(b *testing.B) {
	ctx := context.Background()
	const braidSrc = `<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.Author }}</li>{% endfor %}</ul>`
	b.Run("braid", func(b *testing.B) {
		tpl, data := braidTemplate(b, braidSrc), map[string]any{"posts": posts(50, 10*time.Millisecond)}
		benchSlow(b, func(w io.Writer) error { return tpl.Render(ctx, w, data) })
	})
	b.Run("braid_sequential", func(b *testing.B) {
		tpl, data := braidTemplate(b, braidSrc, braid.WithSequential()), map[string]any{"posts": posts(50, 10*time.Millisecond)}
		benchSlow(b, func(w io.Writer) error { return tpl.Render(ctx, w, data) })
	})
	b.Run("pongo2", func(b *testing.B) {
		tpl := pongo2.Must(pongo2.FromString(`<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.AuthorBlocking() }}</li>{% endfor %}</ul>`))
		data := pongo2.Context{"posts": posts(50, 10*time.Millisecond)}
		benchSlow(b, func(w io.Writer) error { return tpl.ExecuteWriter(data, w) })
	})
}

// BenchmarkAllReady: the complex page with plain data, concurrent engine
// against the sequential one: the concurrency must cost nothing here.
func BenchmarkAllReady(b *testing.B) {
	data := PageData("complex")
	for _, mode := range []string{"concurrent", "sequential"} {
		b.Run(mode, func(b *testing.B) {
			var opts []braid.Option
			if mode == "sequential" {
				opts = append(opts, braid.WithSequential())
			}
			r, err := newBraid("complex", data, opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := r(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkZeroLatency: the slow-data pages with values that take no
// time (still lazy: pending until called), so that what is measured is
// what braid's concurrency costs: CPU per render (cpu-us, user and system
// time of the process per op, so that work on other goroutines counts),
// concurrent against sequential, with pongo2's blocking functions beside;
// and the goroutines each braid render started (Stats.Goroutines).
//
//	cd bench && go test -run '^$' -bench ZeroLatency -benchmem -count 6 .
func BenchmarkZeroLatency(b *testing.B) {
	ctx := context.Background()
	const ormSrc = `<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.Author }}</li>{% endfor %}</ul>`
	for _, page := range []struct {
		name       string
		braid      string
		braidData  func() map[string]any
		pongo2     string
		pongo2Data func() pongo2.Context
	}{
		{"widgets", widgetPageBraid, func() map[string]any { return widgetsBraid(20, 0) }, widgetPagePongo2, func() pongo2.Context { return widgetsPongo2(20, 0) }},
		{"orm", ormSrc, func() map[string]any { return map[string]any{"posts": posts(50, 0)} },
			`<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.AuthorBlocking() }}</li>{% endfor %}</ul>`,
			func() pongo2.Context { return pongo2.Context{"posts": posts(50, 0)} }},
	} {
		for _, mode := range []string{"braid", "braid_sequential"} {
			b.Run(page.name+"/"+mode, func(b *testing.B) {
				var opts []braid.Option
				if mode == "braid_sequential" {
					opts = append(opts, braid.WithSequential())
				}
				tpl, data := braidTemplate(b, page.braid, opts...), page.braidData()
				var st braid.Stats
				var goroutines int64
				benchCPU(b, func() error {
					err := tpl.Render(braid.RecordStats(ctx, &st), io.Discard, data)
					goroutines += st.Goroutines
					return err
				})
				b.ReportMetric(float64(goroutines)/float64(b.N), "goroutines")
			})
		}
		b.Run(page.name+"/pongo2", func(b *testing.B) {
			tpl, data := pongo2.Must(pongo2.FromString(page.pongo2)), page.pongo2Data()
			benchCPU(b, func() error { return tpl.ExecuteWriter(data, io.Discard) })
		})
	}
}

// benchCPU runs render b.N times and reports the process's CPU time per
// op besides the wall time.
func benchCPU(b *testing.B, render func() error) {
	b.ReportAllocs()
	before := cpuTime()
	for b.Loop() {
		if err := render(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-before).Nanoseconds())/1000/float64(b.N), "cpu-us")
}

// TestSlowPagesSame checks that the slow pages print the same in braid
// (both modes) and pongo2.
func TestSlowPagesSame(t *testing.T) {
	ctx := context.Background()
	var outs []string
	for _, opts := range [][]braid.Option{nil, {braid.WithSequential()}} {
		tpl, err := braid.New(opts...).FromString(widgetPageBraid)
		if err != nil {
			t.Fatal(err)
		}
		s, err := tpl.RenderString(ctx, widgetsBraid(5, time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, s)
	}
	s, err := pongo2.Must(pongo2.FromString(widgetPagePongo2)).Execute(widgetsPongo2(5, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	outs = append(outs, s)
	if outs[0] != outs[1] || outs[1] != outs[2] || !strings.Contains(outs[0], "body 4") {
		t.Errorf("outputs differ:\n%s", strings.Join(outs, "\n"))
	}
}

// BenchmarkZeroLatencyHTTP: the orm page at zero latency served over a
// real loopback HTTP connection, so that what the writer costs counts:
// net/http's Flush writes to the connection, and a render that flushed
// at every value it waited for made one write per value. cpu-us is the
// process's CPU per request, client included; flushes, the Flush calls
// per request.
//
//	cd bench && go test -run '^$' -bench ZeroLatencyHTTP -count 6 .
func BenchmarkZeroLatencyHTTP(b *testing.B) {
	const src = `<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.Author }}</li>{% endfor %}</ul>`
	for _, mode := range []string{"braid", "braid_sequential", "pongo2"} {
		var flushes atomic.Int64
		var handler http.HandlerFunc
		switch mode {
		case "pongo2":
			tpl := pongo2.Must(pongo2.FromString(`<ul>{% for p in posts %}<li>{{ p.Title }} by {{ p.AuthorBlocking() }}</li>{% endfor %}</ul>`))
			data := pongo2.Context{"posts": posts(50, 0)}
			handler = func(w http.ResponseWriter, r *http.Request) { _ = tpl.ExecuteWriter(data, w) }
		default:
			var opts []braid.Option
			if mode == "braid_sequential" {
				opts = append(opts, braid.WithSequential())
			}
			tpl, data := braidTemplate(b, src, opts...), map[string]any{"posts": posts(50, 0)}
			handler = func(w http.ResponseWriter, r *http.Request) { _ = tpl.Render(r.Context(), w, data) }
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			handler(countFlushes{w, &flushes}, r)
		}))
		b.Run(mode, func(b *testing.B) {
			c := srv.Client()
			benchCPU(b, func() error {
				resp, err := c.Get(srv.URL)
				if err != nil {
					return err
				}
				if _, err := io.Copy(io.Discard, resp.Body); err != nil {
					return err
				}
				return resp.Body.Close()
			})
			b.ReportMetric(float64(flushes.Swap(0))/float64(b.N), "flushes")
		})
		srv.Close()
	}
}

// countFlushes is a ResponseWriter that counts its Flush calls.
type countFlushes struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countFlushes) Flush() {
	w.n.Add(1)
	w.ResponseWriter.(http.Flusher).Flush()
}
