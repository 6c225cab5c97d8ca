package parser

import (
	"strings"
	"sync"
	"testing"
)

// TestParseAllocs bounds the allocations of parsing a template that
// repeats one piece many times: tokens and segments are reused from tag
// to tag, and the commonest nodes come from slabs, so they grow much
// slower than the number of nodes.
func TestParseAllocs(t *testing.T) {
	const n = 500
	piece := `<p>{{ a.b|f:"x" }}</p>{% if a.c %}{{ b }}{% endif %}{% for x in y %}{{ x }}{% endfor %}`
	src := strings.Repeat(piece, n)
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := Parse("allocs.html", src); err != nil {
			t.Fatal(err)
		}
	})
	// Per piece, of 7 segments and some 20 nodes: the if and the for
	// nodes, their bodies, the for's variables, a filter list and a
	// string literal.
	t.Logf("%.0f allocations for %d pieces", allocs, n)
	if max := float64(8 * n); allocs > max {
		t.Errorf("%.0f allocations for %d pieces, want at most %.0f", allocs, n, max)
	}
}

// TestPoolAllocs checks that a parse with a Pool that a parse before it
// filled takes the builder and the lexer's blocks from it: fewer
// allocations than a parse without, and the same tree.
func TestPoolAllocs(t *testing.T) {
	src := `<p>{{ a.b|f:"x" }}</p>{% if a.c %}{{ b }}{% endif %}{% for x in y %}{{ x }}{% endfor %}`
	var pool Pool
	without := testing.AllocsPerRun(20, func() { Parse("p.html", src) })
	with := testing.AllocsPerRun(20, func() { pool.Parse("p.html", src) })
	t.Logf("%.0f allocations without a pool, %.0f with", without, with)
	// The builder, the token block and the segment block.
	if !raceEnabled && with > without-3 {
		t.Errorf("%.0f allocations with a pool, want at most %.0f", with, without-3)
	}
	want, _ := Parse("p.html", src)
	got, _ := pool.Parse("p.html", src)
	if Dump(got, true) != Dump(want, true) {
		t.Errorf("with a pool:\n%s\nwant:\n%s", Dump(got, true), Dump(want, true))
	}
}

// TestPoolConcurrent checks that parses sharing a Pool at the same time
// build the trees they build alone.
func TestPoolConcurrent(t *testing.T) {
	srcs := []string{poolWarmup, `{% if a %}{{ b|c:"d" }}{% endif %}`, `{% block x %}{% include "y.html" %}{% endblock %}`, `text {{ a.b.c }}`}
	want := make([]string, len(srcs))
	for i, src := range srcs {
		tpl, _ := Parse("c.html", src)
		want[i] = Dump(tpl, true)
	}
	var pool Pool
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(srcs))
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(srcs)
				tpl, _ := pool.Parse("c.html", srcs[i])
				if got := Dump(tpl, true); got != want[i] {
					errs <- got
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("with a shared pool:\n%s", got)
	}
}
