package braid_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// TestBackpressure checks that the output held behind a waiting node is
// bounded: under the "late" schedule the slow value comes only when the
// render cannot go on, so without a bound the whole page after it (7 MB
// here) would be held; with WithMaxBuffered(64 KiB) the render stops
// producing at the bound, and the page is the same. Deferred nodes count
// toward the bound too, so a page of 20,000 of them is bounded as well.
func TestBackpressure(t *testing.T) {
	const max = 64 << 10
	row := strings.Repeat("0123456789", 7)
	for _, tt := range []struct {
		name, src string
		data      func(sch *schedtest.Schedule) map[string]any
	}{
		{"text after a slow value", `{{ slow }}{% for i in items %}` + row + `{% endfor %}`, func(sch *schedtest.Schedule) map[string]any {
			return map[string]any{"slow": sch.Promise("head", nil), "items": make([]int, 100_000)}
		}},
		{"deferred nodes after a slow value", `{{ slow }}{% for v in values %}{{ v }}{% endfor %}`, func(sch *schedtest.Schedule) map[string]any {
			values := make([]any, 20_000)
			for i := range values {
				values[i] = sch.Promise(i%10, nil)
			}
			return map[string]any{"slow": sch.Promise("head", nil), "values": values}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stats braid.Stats
			eng := braid.New(braid.WithMaxBuffered(max), braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
			seq := braid.New(braid.WithSequential())
			tpl, _ := eng.FromString(tt.src)
			ref, _ := seq.FromString(tt.src)
			sch := schedtest.New("late", 0)
			got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), tt.data(sch))
			if err != nil {
				t.Fatal(err)
			}
			refSch := schedtest.New("eager", 0)
			want, _ := ref.RenderString(brender.WithSchedule(context.Background(), refSch), tt.data(refSch))
			if got != want {
				t.Fatalf("output differs from the sequential render (%d bytes, want %d)", len(got), len(want))
			}
			// The bound, plus what one Out writes before it looks again
			// and one waiting node.
			if limit := int64(max + 4096 + 512); stats.Buffered > limit {
				t.Errorf("held %d bytes behind the slow value, want at most %d (page: %d bytes)", stats.Buffered, limit, len(got))
			}
			if stats.Buffered < max/2 {
				t.Errorf("held only %d bytes: the case does not reach the bound", stats.Buffered)
			}
			t.Logf("page %d bytes, held at most %d", len(got), stats.Buffered)
		})
	}
}

// TestBackpressureGoroutines checks backpressure with real goroutines and
// a small bound: many slow values each followed by output, in order.
func TestBackpressureGoroutines(t *testing.T) {
	eng := braid.New(braid.WithMaxBuffered(1024), braid.WithConcurrency(4))
	tpl, _ := eng.FromString(`{% for v in values %}<{{ v }}>` + strings.Repeat("x", 100) + `{% endfor %}`)
	values := make([]any, 2000)
	var want strings.Builder
	for i := range values {
		values[i] = func(context.Context) (int, error) { return i, nil }
		fmt.Fprintf(&want, "<%d>%s", i, strings.Repeat("x", 100))
	}
	got, err := tpl.RenderString(context.Background(), map[string]any{"values": values})
	if err != nil || got != want.String() {
		t.Fatalf("got %d bytes, %v; want %d bytes", len(got), err, want.Len())
	}
}
