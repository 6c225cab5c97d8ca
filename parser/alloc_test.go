package parser

import (
	"strings"
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
