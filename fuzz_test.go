package braid_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
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
	seq := braid.New(braid.WithFS(sources), braid.WithSequential())
	lazy := map[string]any{}
	for k, v := range data {
		lazy[k] = func(ctx context.Context) (any, error) { return v, nil }
	}
	f.Fuzz(func(t *testing.T, src string) {
		defer checkModes(t, eng, seq, src, lazy)
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

// checkModes renders src over lazy data sequentially and concurrently:
// both must fail or both succeed with the same bytes (unless the template
// asks for randomness).
func checkModes(t *testing.T, conc, seq *braid.Engine, src string, data map[string]any) {
	if strings.Contains(src, "random") || strings.Contains(src, "lorem") || strings.Contains(src, "now") {
		return
	}
	a, errA := conc.FromString(src)
	b, errB := seq.FromString(src)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("compiles in one mode only: %v / %v", errA, errB)
	}
	if errA != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	outA, errA := a.RenderString(ctx, data)
	outB, errB := b.RenderString(ctx, data)
	if errors.Is(errA, context.DeadlineExceeded) || errors.Is(errB, context.DeadlineExceeded) {
		return
	}
	if (errA == nil) != (errB == nil) || errA == nil && outA != outB {
		t.Fatalf("modes differ:\nconcurrent %q, %v\nsequential %q, %v", outA, errA, outB, errB)
	}
}
