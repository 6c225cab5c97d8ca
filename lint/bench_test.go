package lint

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/sync/errgroup"

	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
)

// benchTree generates n templates of about size bytes each: 1% base
// layouts, 10% partials, the rest pages that extend a layout and include
// three partials; every one a mix of HTML, loops, conditions, filters and
// a script, like an application's.
func benchTree(n, size int) fstest.MapFS {
	fsys := fstest.MapFS{}
	layouts, partials := max(n/100, 1), max(n/10, 1)
	pad := func(b *strings.Builder, i int) {
		for k := 0; b.Len() < size; k++ {
			fmt.Fprintf(b, `<section class="s%d">
  <h2>{{ section%d.title|title }}</h2>
  {%% if section%d.items %%}<ul>
  {%% for item in section%d.items %%}<li class="{%% if forloop.first %%}first{%% endif %%}"><a href="/items/{{ item.id }}/">{{ item.name|truncatechars:40 }}</a> {{ item.price|floatformat:2 }} {{ item.when|date:"Y-m-d" }}</li>
  {%% empty %%}<li>{{ empty_text|default:"none" }}</li>{%% endfor %%}
  </ul>{%% endif %%}
  {%% with total=section%d.total %%}<p>{{ total|add:k }} {{ total|pluralize }}</p>{%% endwith %%}
</section>
`, k, i, i, i, i)
		}
	}
	for i := range layouts {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html><head><title>{% block title %}Site{% endblock %}</title>{% block head %}{% endblock %}
<script>var page = {{ page_id|length }};</script></head><body>{% include "partials/p0.html" %}
<main>{% block content %}{% endblock %}</main><aside>{% block sidebar %}{% endblock %}</aside>
`)
		pad(&b, i)
		b.WriteString("<footer>{% block footer %}{% endblock %}</footer></body></html>\n")
		fsys[fmt.Sprintf("layouts/base%d.html", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	for i := range partials {
		var b strings.Builder
		fmt.Fprintf(&b, "{%% load i18n %%}<div class=\"partial-%d\">{%% translate \"Hello\" %%}\n", i)
		pad(&b, i)
		b.WriteString("</div>\n")
		fsys[fmt.Sprintf("partials/p%d.html", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	for i := range n - layouts - partials {
		var b strings.Builder
		fmt.Fprintf(&b, `{%% extends "layouts/base%d.html" %%}
{%% block title %%}Page %d{%% endblock %%}
{%% block content %%}{%% include "partials/p%d.html" %%}{%% include "partials/p%d.html" %%}
`, i%layouts, i, i%partials, (i*7+1)%partials)
		pad(&b, i)
		fmt.Fprintf(&b, "{%% endblock %%}\n{%% block sidebar %%}{%% include \"partials/p%d.html\" %%}{%% endblock %%}\n", (i*13+2)%partials)
		fsys[fmt.Sprintf("pages/p%d.html", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

func names(fsys fstest.MapFS) []string {
	out := make([]string, 0, len(fsys))
	for n := range fsys {
		out = append(out, n)
	}
	return out
}

// BenchmarkCheck checks 5,000 templates of 5 KB each, with extends and
// includes between them, from scratch (a new checker each time: every
// file read, parsed and compiled once, then every rule), from memory and
// from a directory on disk. files/s is the figure to quote; parse-only
// parses the same files on as many goroutines, and nothing else, to show
// how much of a check is the parser's.
//
//	go test -run '^$' -bench Check -benchtime 5x ./lint/
func BenchmarkCheck(b *testing.B) {
	const n, size = 5000, 5 << 10
	tree := benchTree(n, size)
	all := names(tree)
	var bytes int64
	for _, f := range tree {
		bytes += int64(len(f.Data))
	}
	dir := b.TempDir()
	for name, f := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("parse-only", func(b *testing.B) {
		b.SetBytes(bytes)
		for b.Loop() {
			var g errgroup.Group
			g.SetLimit(runtime.GOMAXPROCS(0))
			for _, f := range tree {
				g.Go(func() error {
					_, err := parser.Parse("t", string(f.Data))
					return err
				})
			}
			if err := g.Wait(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	})
	for _, bc := range []struct {
		name string
		open func() fs.FS
	}{
		{"memory", func() fs.FS { return tree }},
		{"disk", func() fs.FS {
			src, err := loader.OpenDir(dir)
			if err != nil {
				b.Fatal(err)
			}
			return src
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(bytes)
			found := 0
			for b.Loop() {
				c, err := New(bc.open(), Config{})
				if err != nil {
					b.Fatal(err)
				}
				fs, err := c.Check(context.Background(), all...)
				if err != nil {
					b.Fatal(err)
				}
				found = len(fs)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
			b.ReportMetric(float64(found), "findings")
		})
	}
}

// TestBenchTree: the generated tree is what the benchmark says: 5,000
// files of 5 KB (or a little more), and, checked, a tree without
// findings, so the benchmark measures the whole check of good templates.
func TestBenchTree(t *testing.T) {
	tree := benchTree(5000, 5<<10)
	if len(tree) != 5000 {
		t.Fatalf("%d files", len(tree))
	}
	for name, f := range tree {
		if len(f.Data) < 5<<10 || len(f.Data) > 6<<10 {
			t.Fatalf("%s is %d bytes", name, len(f.Data))
		}
	}
	if testing.Short() {
		return
	}
	small := benchTree(300, 5<<10)
	c, err := New(small, Config{})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := c.Check(context.Background(), names(small)...)
	if err != nil || len(fs) != 0 {
		t.Errorf("%d findings (%v), want none: %v", len(fs), err, fs[:min(len(fs), 3)])
	}
}
