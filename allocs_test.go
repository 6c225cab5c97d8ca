package braid_test

import (
	"context"
	"io"
	"testing"

	"github.com/braidtpl/braid"
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
