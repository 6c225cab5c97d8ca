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
		opts []braid.Option
		max  float64
	}{
		{"in order", nil, 20},
		{"out of order", []braid.Option{braid.WithOutOfOrder(true)}, 22}, // the streaming settings and the HTML scanner
	} {
		tpl, err := braid.New(tt.opts...).FromString(`Hello {{ name }}! {% for x in items %}<li>{{ x|upper }}</li>{% endfor %}`)
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
	}
}
