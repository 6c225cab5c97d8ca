package parser

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// TestLimits: input that would overflow the stack or is not text is a
// positioned error, never a panic.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, src string
		opts      []Option
		want      string // the first error, one line
	}{
		{"nested tags", strings.Repeat("{% if x %}", 513) + strings.Repeat("{% endif %}", 513), nil,
			"t.html:1:5121: tags nested deeper than 512 levels"},
		{"nested tags, lower limit", "{% if a %}{% for x in y %}{% with a=1 %}{% endwith %}{% endfor %}{% endif %}", []Option{WithMaxDepth(2)},
			"t.html:1:27: tags nested deeper than 2 levels"},
		{"very deep tags", strings.Repeat("{% if x %}", 200000), nil,
			"t.html:1:5121: tags nested deeper than 512 levels"},
		{"nested parentheses", "{{ " + strings.Repeat("(", 513) + "x" + strings.Repeat(")", 513) + " }}", nil,
			"t.html:1:516: expression nested deeper than 512 levels"},
		{"nested subscripts", "{% if " + strings.Repeat("a[", 600) + "0" + strings.Repeat("]", 600) + " %}{% endif %}", nil,
			"t.html:1:1032: expression nested deeper than 512 levels"},
		{"dotted lookups", "{{ a" + strings.Repeat(".b", 513) + " }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"dotted lookups, grammar", "{{ a" + strings.Repeat(".b", 513) + " + 1 }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"dotted lookups in a filter argument", "{{ x|default:a" + strings.Repeat(".b", 600) + " }}", nil,
			"t.html:1:14: expression nested deeper than 512 levels"},
		{"dotted lookups in a tag", "{% if a" + strings.Repeat(".b", 20000) + " %}{% endif %}", nil,
			"t.html:1:7: expression nested deeper than 512 levels"},
		{"numeric path", "{{ 1" + strings.Repeat(".2", 600) + " }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"subscripts in a row", "{{ a" + strings.Repeat("[0]", 600) + " }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"calls in a row", "{{ f" + strings.Repeat("()", 600) + " }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"operators", "{{ 1" + strings.Repeat(" + 1", 600) + " }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"and", "{% if x" + strings.Repeat(" and x", 600) + " %}{% endif %}", nil,
			"t.html:1:7: expression nested deeper than 512 levels"},
		{"signs", "{{ " + strings.Repeat("- ", 600) + "x }}", nil,
			"t.html:1:4: expression nested deeper than 512 levels"},
		{"lookups under operators", "{{ 1" + strings.Repeat(" + 1", 300) + " + a" + strings.Repeat(".b", 300) + " }}", nil,
			"t.html:1:1208: expression nested deeper than 512 levels"},
		{"lookups, lower limit", "{{ a.b.c }}", []Option{WithMaxDepth(1)},
			"t.html:1:4: expression nested deeper than 1 levels"},
		{"a custom tag's arguments", "{% mine a" + strings.Repeat(".b", 600) + " %}{{ c" + strings.Repeat(".d", 600) + " }}", nil,
			"t.html:1:1216: expression nested deeper than 512 levels"},
		{"invalid UTF-8", "ok\nab\xffc", nil,
			"t.html:2:3: invalid UTF-8 (byte 0xff): templates must be UTF-8 text"},
		{"invalid UTF-8 after multibyte", "é\xc3", nil,
			"t.html:1:2: invalid UTF-8 (byte 0xc3): templates must be UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.html", tt.src, tt.opts...)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want error %q, got %v", tt.want, err)
			}
			if e.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", e.Error(), tt.want)
			}
		})
	}
}

// TestLargeTemplate parses a 10 MB template: no stack or time blow-up (its
// speed is measured by BenchmarkParse, not here).
func TestLargeTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	src := generate(10 << 20)
	tpl, err := Parse("big.html", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(tpl.Body) < 1000 {
		t.Fatalf("only %d top-level nodes", len(tpl.Body))
	}
}

// TestNestingWithinLimit: chains up to the limit parse, into a tree as deep
// as they are long.
func TestNestingWithinLimit(t *testing.T) {
	for _, src := range []string{
		"{{ a" + strings.Repeat(".b", 512) + " }}",
		"{{ a" + strings.Repeat(".b", 511) + "|default:x }}",
		"{{ 1" + strings.Repeat(" + 1", 512) + " }}",
		"{{ x|f" + strings.Repeat("|f", 5000) + " }}", // a filter chain is a list, not nested
	} {
		if _, err := Parse("t.html", src); err != nil {
			t.Errorf("%.40s…: %v", src, err)
		}
	}
}

// TestParseContext: a parse stops when its context ends, with an error
// that wraps the context's.
func TestParseContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse("t.html", strings.Repeat("{{ x }}", 5000), WithContext(ctx))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want an error wrapping context.Canceled", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Pos.Line != 1 || e.Pos.Column < 1 {
		t.Fatalf("not a positioned error: %v", err)
	}
	if _, err := Parse("t.html", strings.Repeat("{{ x }}", 5000), WithContext(context.Background())); err != nil {
		t.Fatal(err)
	}
}

// TestParseLinear: parsing four times the source allocates about four
// times the bytes, for templates of every kind of tag, for chains of
// lookups at the nesting limit and for the smallest tag repeated (no
// wall clock: allocated bytes are a count of the work).
func TestParseLinear(t *testing.T) {
	repeat := func(unit string, n int) func(int) string {
		return func(k int) string { return strings.Repeat(unit, k*n) }
	}
	for _, tc := range []struct {
		name string
		src  func(k int) string // k = 1, 4
	}{
		{"every construct", func(k int) string { return generate(k * 64 << 10) }},
		{"{{ x }}", repeat("{{ x }}", 20000)},
		{"lookup chains", repeat("{{ a"+strings.Repeat(".b", 500)+" }}\n", 100)},
		{"operator chains", repeat("{{ 1"+strings.Repeat(" + 1", 500)+" }}\n", 8)},
		{"text", repeat("some text, no tags\n", 20000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			small := allocated(t, tc.src(1))
			large := allocated(t, tc.src(4))
			if r := float64(large) / float64(small); r > 4.6 {
				t.Errorf("4× the source allocates %.1f× the bytes (%d, %d)", r, small, large)
			}
		})
	}
}

// allocated is the bytes a parse of src allocates.
func allocated(t *testing.T, src string) uint64 {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	_, err := Parse("t.html", src)
	runtime.ReadMemStats(&m1)
	if err != nil {
		t.Fatal(err)
	}
	return m1.TotalAlloc - m0.TotalAlloc
}
