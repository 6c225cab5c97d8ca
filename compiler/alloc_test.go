package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// TestPrepare checks that prepared options parse as unprepared ones do,
// and that ParseOptions then allocates nothing.
func TestPrepare(t *testing.T) {
	o := Options{
		Tags: map[string]Tag{"box": BlockTag{Body: true, Intermediates: []string{"middle"}, Compile: func(*TagCall) (render.Node, error) { return nil, nil }}},
		Libraries: map[string]*Library{
			"a": {Tags: map[string]Tag{"frame": BlockTag{Body: true, Compile: func(*TagCall) (render.Node, error) { return nil, nil }}}},
		},
		TrimBlocks: true,
	}
	src := "{% box %}a{% middle %}b{% endbox %}\n{% frame %}{% endframe %}{% endbox %}{% middle %}"
	want, wantErr := parser.Parse("p.html", src, o.ParseOptions()...)
	p := o
	p.Prepare()
	got, gotErr := parser.Parse("p.html", src, p.ParseOptions()...)
	if parser.Dump(got, true) != parser.Dump(want, true) || (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Errorf("prepared: %s, %v; want %s, %v", parser.Dump(got, true), gotErr, parser.Dump(want, true), wantErr)
	}
	if a := testing.AllocsPerRun(100, func() { p.ParseOptions() }); a != 0 {
		t.Errorf("ParseOptions after Prepare: %.0f allocations, want 0", a)
	}
}

// TestCompileAllocs bounds the allocations of compiling a template that
// repeats one piece many times: the commonest nodes and expressions come
// from slabs, and repeated texts and string literals are boxed once.
func TestCompileAllocs(t *testing.T) {
	const n = 500
	piece := `<p>{{ a.b|f:"x" }}</p>{% if a.c %}{{ b }}{% endif %}{% for x in y %}{{ x|f:", " }}{% endfor %}`
	src := strings.Repeat(piece, n)
	tpl, err := parser.Parse("allocs.html", src)
	if err != nil {
		t.Fatal(err)
	}
	fs := filters.Builtins()
	fs["f"] = fs["default"]
	opts := Options{Filters: fs}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := Compile(tpl, src, opts); err != nil {
			t.Fatal(err)
		}
	})
	// Nodes, expressions, bodies and lists of filters come from slabs,
	// texts and literals boxed once: the allocations are the slabs'
	// blocks, far fewer than the pieces.
	t.Logf("%.0f allocations for %d pieces", allocs, n)
	if max := float64(n) / 2; allocs > max {
		t.Errorf("%.0f allocations for %d pieces, want at most %.0f", allocs, n, max)
	}
}

// TestCompilerPool checks that compiles with prepared options take their
// compiler from the options' pool once a compile has filled it: fewer
// allocations than with unprepared options, and the same program facts.
func TestCompilerPool(t *testing.T) {
	src := `{% for a in b %}{{ a.c|default:"x" }}{% cycle 1 2 %}{% endfor %}{{ d }}`
	tpl, err := parser.Parse("pool.html", src)
	if err != nil {
		t.Fatal(err)
	}
	plain := Options{Filters: filters.Builtins()}
	prepared := plain
	prepared.Prepare()
	without := testing.AllocsPerRun(20, func() { Compile(tpl, src, plain) })
	with := testing.AllocsPerRun(20, func() { Compile(tpl, src, prepared) })
	t.Logf("%.0f allocations without the pool, %.0f with", without, with)
	if !raceEnabled && with >= without {
		t.Errorf("%.0f allocations with the pool, want fewer than %.0f", with, without)
	}
	a, _ := Compile(tpl, src, plain)
	b, _ := Compile(tpl, src, prepared)
	if fmt.Sprint(a.Facts.Variables, len(a.Facts.Stateful)) != fmt.Sprint(b.Facts.Variables, len(b.Facts.Stateful)) {
		t.Errorf("facts differ: %v and %v", a.Facts, b.Facts)
	}
}
