package braid_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
)

type benchRow struct {
	ID     int
	Name   string
	Email  string
	Active bool
}

type benchPost struct {
	ID     int
	Title  string
	Author string
	Tags   []string
}

var benchTemplates = fstest.MapFS{
	"table.html": {Data: []byte(`<table>{% for r in rows %}<tr><td>{{ r.ID }}</td><td>{{ r.Name }}</td><td>{{ r.Email }}</td><td>{% if r.Active %}yes{% else %}no{% endif %}</td></tr>
{% endfor %}</table>`)},
	"base.html": {Data: []byte(`<html><head><title>{% block title %}Site{% endblock %}</title></head><body>
{% include "header.html" %}<main>{% block content %}{% endblock %}</main>{% include "sidebar.html" %}{% include "footer.html" %}</body></html>`)},
	"header.html":  {Data: []byte(`<header><h1>{{ site.Name|upper }}</h1><nav>{% for l in site.Links %}<a href="{{ l }}">{{ l|capfirst }}</a>{% endfor %}</nav></header>`)},
	"sidebar.html": {Data: []byte(`<aside>{% if user %}Hello, {{ user.Name }}{% else %}Sign in{% endif %}</aside>`)},
	"footer.html":  {Data: []byte(`<footer>&copy; {{ site.Name }} {{ posts|length }} posts</footer>`)},
	"complex.html": {Data: []byte(`{% extends "base.html" %}{% block title %}{{ title }} | {{ block.super }}{% endblock %}{% block content %}
<ul>{% for p in posts %}<li class="{% if forloop.first %}first{% endif %}">{{ forloop.counter }}. {{ p.Title|truncatechars:20 }} by {{ p.Author|default:"anonymous"|title }} [{{ p.Tags|join:", " }}] ({{ p.Tags|length }})</li>
{% endfor %}</ul>{% endblock %}`)},
	"simple.html": {Data: []byte(`<h1>{{ title }}</h1><p>{% if user %}Hi {{ user.Name }}{% else %}Hello{% endif %}</p><ul>{% for i in items %}<li>{{ forloop.counter }} {{ i|upper }}</li>{% endfor %}</ul>`)},
}

func benchData() map[string]any {
	rows := make([]benchRow, 10000)
	for i := range rows {
		rows[i] = benchRow{ID: i, Name: fmt.Sprintf("User %d", i), Email: fmt.Sprintf("user%d@example.com", i), Active: i%3 == 0}
	}
	posts := make([]benchPost, 80)
	for i := range posts {
		posts[i] = benchPost{ID: i, Title: fmt.Sprintf("Post number %d about <things> & stuff", i), Author: fmt.Sprintf("author %d", i%7), Tags: []string{"go", "templates", "x<y"}}
	}
	return map[string]any{
		"rows": rows, "posts": posts, "title": "Benchmark", "items": []string{"a", "b", "c", "d", "e"},
		"user": &benchRow{Name: "Ann"},
		"site": map[string]any{"Name": "braid", "Links": []string{"home", "about", "blog"}},
	}
}

func BenchmarkRender(b *testing.B) {
	eng := braid.New(braid.WithFS(benchTemplates))
	data := benchData()
	for _, name := range []string{"simple", "complex", "table"} {
		b.Run(name, func(b *testing.B) {
			tpl, err := eng.Template(name + ".html")
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := tpl.Render(ctx, io.Discard, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestTableAllocations keeps BenchmarkRender/table's figure honest: a
// loop over 10,000 struct rows allocates a fixed amount, nothing per row.
func TestTableAllocations(t *testing.T) {
	eng := braid.New(braid.WithFS(benchTemplates))
	tpl, err := eng.Template("table.html")
	if err != nil {
		t.Fatal(err)
	}
	data := benchData()
	ctx := context.Background()
	allocs := testing.AllocsPerRun(5, func() {
		if err := tpl.Render(ctx, io.Discard, data); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 50 {
		t.Errorf("%v allocations for 10,000 rows, want a fixed few (no allocation per row)", allocs)
	}
}

// BenchmarkCompileLarge compiles templates of 1, 10 and 50 MB: the
// smallest tag repeated ("vars", {{ x }}: the most nodes a source can
// have) and ordinary pages ("page", every kind of construct). Compiling
// is linear in time and memory (TestCompileLinear checks the work, and
// TestCompiledSize what a compiled template holds); besides ns/op and
// B/op (allocated), it reports the peak of the live heap while compiling
// and what the compiled template holds, per byte of source.
//
//	go test -run '^$' -bench CompileLarge -benchtime 1x -benchmem .
func BenchmarkCompileLarge(b *testing.B) {
	for _, shape := range []struct {
		name string
		src  func(size int) string
	}{
		{"vars", func(size int) string { return strings.Repeat("{{ x }}", size/7) }},
		{"page", func(size int) string { return constructs(size / len(constructs(1))) }},
	} {
		for _, mb := range []int{1, 10, 50} {
			b.Run(fmt.Sprintf("%s/%dMB", shape.name, mb), func(b *testing.B) {
				src := shape.src(mb << 20)
				eng := braid.New(braid.WithMaxSourceSize(64 << 20))
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				var peak, held uint64
				for b.Loop() {
					var tpl *braid.Template
					p, h := heapPeak(func() {
						var err error
						if tpl, err = eng.FromString(src); err != nil {
							b.Fatal(err)
						}
					})
					peak, held = max(peak, p), h
					runtime.KeepAlive(tpl)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				b.ReportMetric(float64(held)/float64(len(src)), "held/B")
			})
		}
	}
}

// heapPeak runs fn and returns the peak of the heap in use meanwhile
// (sampled every millisecond from runtime/metrics, which stops nothing)
// above what it was before, and what stays in use after it.
func heapPeak(fn func()) (peak, held uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var top atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > top.Load() {
				top.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	runtime.GC()
	after := read()
	if v := read(); v > top.Load() {
		top.Store(v)
	}
	return top.Load() - min(base, top.Load()), after - min(base, after)
}

// BenchmarkNew makes an engine with the default options: the built-in
// filters and the standard libraries it shares with every other engine,
// and what is its own.
//
//	go test -run '^$' -bench 'BenchmarkNew$' -benchmem .
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := braid.New().Err(); err != nil {
			b.Fatal(err)
		}
	}
}
