package lsp

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/braidtpl/braid/lint"
)

// BenchmarkDiagnosticsAfterChange is the latency an editor sees: from an
// incremental change of one line of a 5,000-line template to its
// diagnostics.
func BenchmarkDiagnosticsAfterChange(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{% extends \"base.html\" %}\n{% block content %}\n")
	for i := range 4996 {
		fmt.Fprintf(&sb, "<li class=\"{{ item.kind|lower }}\">{%% if item.n > %d %%}{{ item.name|title }}{%% else %%}{{ item.n|add:1 }}{%% endif %%}</li>\n", i)
	}
	sb.WriteString("{% endblock %}\n")
	text := sb.String()
	lines := strings.Count(text, "\n")
	root := writeTree(b, map[string]string{"base.html": "{% block content %}{% endblock %}", "big.html": text})
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		b.Fatal(err)
	}
	c := startServer(b, s)
	c.initialize(root)
	uri := fileURI(filepath.Join(root, "big.html"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "django-html", "version": 0, "text": text}})
	wait := func(v int) []diagnostic {
		for {
			for _, p := range c.diags {
				if p.URI == uri && p.Version != nil && *p.Version == v {
					c.diags = nil
					return p.Diagnostics
				}
			}
			c.receive()
		}
	}
	wait(0)
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		// Break the line, then mend it: every other change has a finding.
		repl := "{% endif %}"
		if i%2 == 1 {
			repl = "{% endfi %}"
		}
		line := 2 + ((i+1)/2)%(lines-3) // the same line for a break and its mend
		ln := strings.Split(text, "\n")[line]
		at := strings.Index(ln, "{% endif %}")
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i},
			"contentChanges": []any{map[string]any{"range": span{position{line, at}, position{line, at + len(repl)}}, "text": repl}},
		})
		d := wait(i)
		if (i%2 == 1) != (len(d) > 0) {
			b.Fatalf("change %d: %d diagnostics", i, len(d))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(lines), "lines")
	c.shutdown()
}
