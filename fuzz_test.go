package braid_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
)

// FuzzRender compiles and renders arbitrary templates over a fixed set of
// data: no input may panic or hang, and every error must be a positioned
// *braid.Error inside the source. Seeds: every golden render template.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "render", "*.tpl"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(string(b))
		}
	}
	type item struct {
		Name string
		N    int
		Next *item
	}
	data := map[string]any{
		"s": "<b>x</b>", "n": 3, "f": 2.5, "l": []any{1, "a", nil}, "m": map[string]any{"k": []int{1, 2}},
		"items": []item{{Name: "a", N: 1}, {Name: "b", N: 2, Next: &item{Name: "c"}}}, "t": time.Unix(0, 0).UTC(),
		"safe": braid.Safe("<i>"), "z": nil, "fn": func(a, b int) int { return a + b },
	}
	sources := fstest.MapFS{
		"_base.html": {Data: []byte("[{% block a %}A{% endblock %}]")},
		"_inc.html":  {Data: []byte("{{ s }}{% include '_inc.html' %}")},
	}
	eng := braid.New(braid.WithFS(sources))
	f.Fuzz(func(t *testing.T, src string) {
		tpl, err := eng.FromString(src)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, err = tpl.RenderString(ctx, data)
		}
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			return
		}
		var e *braid.Error
		if !errors.As(err, &e) {
			t.Fatalf("error is not a *braid.Error: %T %v", err, err)
		}
		if e.Template == "" {
			t.Fatalf("error without a template name: %v", err)
		}
		if e.Template != "_base.html" && e.Template != "_inc.html" && e.Line > 0 {
			lines := 1
			for _, c := range src {
				if c == '\n' {
					lines++
				}
			}
			if e.Line > lines {
				t.Fatalf("error line %d beyond the source's %d lines: %v", e.Line, lines, err)
			}
		}
	})
}
