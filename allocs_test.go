package braid_test

import (
	"context"
	"io"
	"testing"

	"github.com/braidtpl/braid"
	"go.uber.org/goleak"
)

// TestRenderAllocs bounds the allocations of a render with no pending
// value, in order and out of order, so that they do not creep up: the
// state, its scope frames, the loop, the filters' results. (Times are in
// benchmarks only.)
func TestRenderAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, tt := range []struct {
		name string
		src  string
		opts []braid.Option
		max  float64
	}{
		// The run, its state and frames (one allocation) and the loop with
		// its frame (one): a render of ready data allocates nothing else
		// (no goroutine, no cancellable context, no error list).
		{"plain", `Hello {{ name }}! {% for x in items %}<li>{{ x }}</li>{% endfor %}`, nil, 2},
		// upper writes its result into the output (Filter.Append): no
		// string and no interface for it.
		{"in order", `Hello {{ name }}! {% for x in items %}<li>{{ x|upper }}</li>{% endfor %}`, nil, 2},
		// The streaming settings and the HTML scanner.
		{"out of order", `Hello {{ name }}! {% for x in items %}<li>{{ x|upper }}</li>{% endfor %}`, []braid.Option{braid.WithOutOfOrder(true)}, 4},
	} {
		tpl, err := braid.New(tt.opts...).FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		data := map[string]any{"name": "Ann", "items": []string{"a", "b", "c"}}
		ctx := context.Background()
		n := testing.AllocsPerRun(200, func() {
			if err := tpl.Render(ctx, io.Discard, data); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %.0f allocations per render", tt.name, n)
		if n > tt.max {
			t.Errorf("%s: %.0f allocations per render, want at most %.0f", tt.name, n, tt.max)
		}
		var st braid.Stats
		if err := tpl.Render(braid.RecordStats(ctx, &st), io.Discard, data); err != nil {
			t.Fatal(err)
		}
		if st.Goroutines != 0 || st.Deferred != 0 {
			t.Errorf("%s: a render of ready data started %d goroutines and deferred %d nodes", tt.name, st.Goroutines, st.Deferred)
		}
	}
}

// TestDeferredRenderAllocs bounds what a concurrent render of lazy values
// allocates: per deferred {{ }} (its future, the value's interface and the
// deferral, which holds the placeholder, the state's settings and room for
// a short output), and per render (the run, the stream, the lazy table,
// the goroutines), by comparing pages of 10 and 40 values. The buffer of
// the output, which a split render hands out in pieces, is reused by the
// next render once all is written.
func TestDeferredRenderAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	defer goleak.VerifyNone(t)
	tpl, err := braid.New().FromString(`{% for w in ws %}<p>{{ w.Body }}</p>{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	body := func(context.Context) (string, error) { return "short", nil }
	allocs := func(n int) float64 {
		ws := make([]map[string]any, n)
		for i := range ws {
			ws[i] = map[string]any{"Body": func(ctx context.Context) (string, error) { return body(ctx) }}
		}
		data := map[string]any{"ws": ws}
		ctx := context.Background()
		return testing.AllocsPerRun(200, func() {
			if err := tpl.Render(ctx, io.Discard, data); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(10), allocs(40)
	per := (large - small) / 30
	fixed := small - 10*per
	t.Logf("%.2f allocations per deferred value, %.1f per render", per, fixed)
	if per > 3.5 {
		t.Errorf("%.2f allocations per deferred value, want at most 3.5", per)
	}
	if fixed > 16 {
		t.Errorf("%.1f allocations per render besides the values', want at most 16", fixed)
	}
}
