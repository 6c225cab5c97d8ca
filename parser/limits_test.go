package parser

import (
	"errors"
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
