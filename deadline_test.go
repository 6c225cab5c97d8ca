package braid_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"go.uber.org/goleak"
)

// lateWriter records what is written, and what is written after Render
// returned (which must be nothing).
type lateWriter struct {
	mu       sync.Mutex
	buf      bytes.Buffer
	returned bool
	late     []byte
}

func (w *lateWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.returned {
		w.late = append(w.late, p...)
	} else {
		w.buf.Write(p)
	}
	return len(p), nil
}

func (w *lateWriter) Flush() {}

func (w *lateWriter) done() {
	w.mu.Lock()
	w.returned = true
	w.mu.Unlock()
}

// renderBounded renders in a goroutine and fails the test if it does not
// return within a liveness bound far above any real latency.
func renderBounded(t *testing.T, tpl *braid.Template, ctx context.Context, w *lateWriter, data map[string]any) error {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		err := tpl.Render(ctx, w, data)
		w.done()
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("Render did not return after its context ended")
		return nil
	}
}

// TestDeadlineAbandons checks that a concurrent render returns when its
// context ends, whatever its data does: a lazy value that ignores its
// context, or a blocking method called while rendering a deferred node.
// The error wraps the context's and names the node still waiting; the
// goroutine left running is counted, and when it finally returns,
// nothing reaches the writer.
func TestDeadlineAbandons(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		data      func(started, release chan struct{}) map[string]any
	}{
		{"lazy ignores ctx", "<p>head</p>\n{{ stuck }}<p>after</p>{{ fine }}", func(started, release chan struct{}) map[string]any {
			return map[string]any{
				"stuck": func(ctx context.Context) (string, error) {
					close(started)
					<-release
					return "late", nil
				},
				"fine": func(ctx context.Context) (string, error) { return "fine", nil },
			}
		}},
		{"blocking method in a deferred node", "<p>head</p>\n{{ u.Slow }}<p>after</p>{{ end.Reached }}", func(started, release chan struct{}) map[string]any {
			// u is ready only once the walk has passed it (end.Reached), so
			// that {{ u.Slow }} is deferred and Slow runs on u's goroutine,
			// never in the page's own walk.
			end := &endMark{reached: make(chan struct{})}
			return map[string]any{
				"u": func(ctx context.Context) (*blocker, error) {
					<-end.reached
					return &blocker{started, release}, nil
				},
				"end": end,
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stats braid.Stats
			eng := braid.New(braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
			tpl, err := eng.FromString(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			started, release := make(chan struct{}), make(chan struct{})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() {
				<-started
				cancel()
			}()
			var w lateWriter
			err = renderBounded(t, tpl, ctx, &w, tt.data(started, release))
			var e *braid.Error
			if !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.Line != 2 || e.Col != 1 {
				t.Errorf("err = %v, want the cancellation at 2:1", err)
			}
			if got := w.buf.String(); got != "<p>head</p>\n" {
				t.Errorf("written %q, want the head only", got)
			}
			if stats.Abandoned < 1 {
				t.Errorf("stats %+v: the stuck goroutine is not counted as abandoned", stats)
			}
			close(release)
			goleak.VerifyNone(t) // the abandoned goroutine ends once its value returns
			if len(w.late) > 0 {
				t.Errorf("written after Render returned: %q", w.late)
			}
		})
	}
}

// blocker's Slow is a plain method that blocks, ignoring any context.
type blocker struct{ started, release chan struct{} }

func (b *blocker) Slow() string {
	close(b.started)
	<-b.release
	return "slow"
}

// TestDeadlineExceeded checks errors.Is with a deadline, in both modes, and
// that the error is positioned where the value was waited for.
func TestDeadlineExceeded(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, eng := range []*braid.Engine{braid.New(), braid.New(braid.WithSequential())} {
		tpl, _ := eng.FromString("a\nb {{ slow }}")
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		var w lateWriter
		err := renderBounded(t, tpl, ctx, &w, map[string]any{
			"slow": func(ctx context.Context) (string, error) {
				<-ctx.Done()
				return "", ctx.Err()
			},
		})
		cancel()
		var e *braid.Error
		if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &e) || e.Line != 2 || !strings.Contains(e.Error(), "slow") {
			t.Errorf("err = %v, want the deadline at line 2, naming slow", err)
		}
		if !strings.HasPrefix("a\nb ", w.buf.String()) {
			t.Errorf("written %q: not a prefix of the page", w.buf.String())
		}
	}
}

// TestSequentialNoticesDeadline checks that a sequential render whose
// lazy value returns after the context ended fails, at that value,
// instead of returning the whole page.
func TestSequentialNoticesDeadline(t *testing.T) {
	eng := braid.New(braid.WithSequential())
	tpl, _ := eng.FromString("{{ a }}|{{ b }}")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got, err := tpl.RenderString(ctx, map[string]any{
		"a": func(context.Context) (string, error) {
			cancel() // the deadline passes while the value is computed
			return "A", nil
		},
		"b": "B",
	})
	var e *braid.Error
	if !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.Line != 1 || e.Col != 4 {
		t.Errorf("err = %v, want the cancellation at 1:4, where a is", err)
	}
	if got != "" {
		t.Errorf("output %q, want nothing: the value came after the deadline", got)
	}
}

// TestSealedQueueNeverStarts checks that a lazy value still queued for a
// slot when the render's context ends is never computed: with one slot
// held by a value that ignores its context, the queued one must not run,
// even after the slot frees.
func TestSealedQueueNeverStarts(t *testing.T) {
	eng := braid.New(braid.WithConcurrency(1))
	tpl, _ := eng.FromString(`{{ stuck }}{{ queued }}`)
	started, release := make(chan struct{}), make(chan struct{})
	var ran atomic.Bool
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-started
		cancel()
	}()
	var w lateWriter
	err := renderBounded(t, tpl, ctx, &w, map[string]any{
		"stuck":  func(context.Context) (string, error) { close(started); <-release; return "", nil },
		"queued": func(context.Context) (string, error) { ran.Store(true); return "", nil },
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want the cancellation", err)
	}
	close(release)
	goleak.VerifyNone(t) // the stuck value's goroutine has ended, and passed its slot on
	if ran.Load() {
		t.Error("the queued value ran after the render ended")
	}
}

// TestFutureWaitersOffResolver checks that the nodes waiting for a future
// made outside the render run on a render goroutine, not on the goroutine
// that resolves it: here the resolver is the page's own walk (a method at
// the end of the page resolves the future), and the waiting node blocks
// until the test releases it, so resolve returning proves the node runs
// elsewhere.
func TestFutureWaitersOffResolver(t *testing.T) {
	defer goleak.VerifyNone(t)
	started, release := make(chan struct{}), make(chan struct{})
	p, resolve := brender.NewPromise()
	resolved := make(chan struct{})
	end := &resolveAtEnd{resolve: func() { resolve(&blocker{started, release}, nil); close(resolved) }}
	tpl, _ := braid.New().FromString(`{{ p.Slow }}|{{ end.Reached }}`)
	errc := make(chan error, 1)
	var out strings.Builder
	go func() { errc <- tpl.Render(context.Background(), &out, map[string]any{"p": p, "end": end}) }()
	<-started // the waiting node runs Slow, which blocks
	select {
	case <-resolved:
	case <-time.After(30 * time.Second): // liveness only
		t.Fatal("resolve did not return: the waiting node ran on the resolver's goroutine")
	}
	close(release)
	if err := <-errc; err != nil || out.String() != "slow|" {
		t.Errorf("%q, %v", out.String(), err)
	}
}

// resolveAtEnd's Reached resolves a future from the page's walk.
type resolveAtEnd struct{ resolve func() }

func (r *resolveAtEnd) Reached() string { r.resolve(); return "" }

// TestCancelledUnderSchedule: a render whose caller's context ends while
// it runs fails with the context's error whoever runs its work, the
// render's goroutines or a test's schedule (which used to return no
// error, with the output cut after the waiting node).
func TestCancelledUnderSchedule(t *testing.T) {
	defer goleak.VerifyNone(t)
	tpl, err := braid.New().FromString(`a{{ v }}b`)
	if err != nil {
		t.Fatal(err)
	}
	for _, sch := range append(scheduleCases(), nil) {
		ctx, cancel := context.WithCancel(context.Background())
		rctx := ctx
		if sch != nil {
			rctx = brender.WithSchedule(ctx, sch)
		}
		data := map[string]any{"v": func(context.Context) (string, error) { cancel(); return "x", nil }}
		got, err := tpl.RenderString(rctx, data)
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v: %q, %v; want the cancellation", sch, got, err)
		}
		if !strings.HasPrefix("axb", got) {
			t.Errorf("%v: wrote %q, not a prefix of the page", sch, got)
		}
	}
}
