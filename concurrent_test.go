package braid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	"go.uber.org/goleak"
)

// lazify wraps the data's top-level values in lazy functions that answer after a random latency (up to max),
// so that a concurrent render meets pending values everywhere.
func lazify(v any, rng *rand.Rand, max time.Duration, depth int) any {
	m, ok := v.(map[string]any)
	if !ok || depth > 0 {
		return v
	}
	out := make(map[string]any, len(m))
	for k, x := range m {
		x := x
		delay := time.Duration(rng.Int64N(int64(max) + 1))
		out[k] = func(ctx context.Context) (any, error) {
			select {
			case <-time.After(delay):
				return x, nil
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	return out
}

// TestGoldenConcurrent renders every golden case sequentially and
// concurrently over data made of lazy values with random latencies: the
// bytes and the errors must be identical to the plain sequential render.
func TestGoldenConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := filepath.Join("testdata", "render")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tpl"))
	seq := braid.New(braid.WithDir(dir), braid.WithSequential())
	conc := braid.New(braid.WithDir(dir), braid.WithConcurrency(8))
	rng := rand.New(rand.NewPCG(1, 2))
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "debug") {
			continue // {% debug %} prints the data as it is: lazy values print as functions
		}
		t.Run(strings.TrimSuffix(name, ".tpl"), func(t *testing.T) {
			data := map[string]any{}
			if b, err := os.ReadFile(strings.TrimSuffix(path, ".tpl") + ".json"); err == nil {
				data, _ = braid.DecodeJSON(b)
			}
			want, wantErr := renderWith(seq, name, data)
			for round := range 3 {
				lazy := lazify(data, rng, 2*time.Millisecond, 0).(map[string]any)
				for _, eng := range []*braid.Engine{seq, conc} {
					got, err := renderWith(eng, name, lazy)
					if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("round %d: lazy data gives\n%q, %v\nwant\n%q, %v", round, got, err, want, wantErr)
					}
				}
			}
		})
	}
}

func renderWith(eng *braid.Engine, name string, data map[string]any) (string, error) {
	tpl, err := eng.Template(name)
	if err != nil {
		return "", err
	}
	return tpl.RenderString(context.Background(), data)
}

// slowWidgets is a page of n widgets whose data each take d.
func slowWidgets(n int, d time.Duration, started *atomic.Int32) map[string]any {
	widgets := make([]any, n)
	for i := range widgets {
		widgets[i] = map[string]any{
			"Title": fmt.Sprintf("widget %d", i),
			"Body": func(ctx context.Context) (string, error) {
				if started != nil {
					started.Add(1)
				}
				select {
				case <-time.After(d):
					return fmt.Sprintf("body %d", i), nil
				case <-ctx.Done():
					return "", ctx.Err()
				}
			},
		}
	}
	return map[string]any{"widgets": widgets}
}

const widgetPage = `<h1>Dashboard</h1>{% for w in widgets %}<section><h2>{{ w.Title }}</h2>{{ w.Body }}</section>{% endfor %}<footer>end</footer>`

// barrier is a point n lazy values must all reach before any goes on: a
// render that does not compute them at the same time never gets past it.
type barrier struct {
	mu      sync.Mutex
	n       int
	arrived int
	all     chan struct{}
}

func newBarrier(n int) *barrier { return &barrier{n: n, all: make(chan struct{})} }

// wait arrives and waits for the others, or for ctx.
func (b *barrier) wait(ctx context.Context) error {
	b.mu.Lock()
	if b.arrived++; b.arrived == b.n {
		close(b.all)
	}
	b.mu.Unlock()
	select {
	case <-b.all:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestWidgetsOverlap checks the point of it all: the 20 widgets' values
// are computed at the same time (each waits until all 20 have started, so
// a render that computed them one after another would never end), and the
// page is identical to the sequential one. The values also wait for the
// walk to reach the end of the page, so each is still pending when its
// node looks, and each node defers.
func TestWidgetsOverlap(t *testing.T) {
	defer goleak.VerifyNone(t)
	var stats braid.Stats
	conc := braid.New(braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
	seq := braid.New(braid.WithSequential())
	b := newBarrier(20)
	end := &endMark{reached: make(chan struct{})}
	widgets := make([]any, 20)
	for i := range widgets {
		widgets[i] = map[string]any{
			"Title": fmt.Sprintf("widget %d", i),
			"Body": func(ctx context.Context) (string, error) {
				if b != nil {
					if err := b.wait(ctx); err != nil {
						return "", err
					}
					select {
					case <-end.reached:
					case <-ctx.Done():
						return "", ctx.Err()
					}
				}
				return fmt.Sprintf("body %d", i), nil
			},
		}
	}
	data := map[string]any{"widgets": widgets, "end": end}
	ct, _ := conc.FromString(widgetPage + "{{ end.Reached }}")
	st, _ := seq.FromString(widgetPage + "{{ end.Reached }}")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // liveness only
	defer cancel()
	got, err := ct.RenderString(ctx, data)
	if err != nil {
		t.Fatalf("the widgets did not overlap: %v", err)
	}
	b = nil // the sequential reference computes them one by one
	want, _ := st.RenderString(context.Background(), data)
	if got != want {
		t.Fatalf("concurrent page differs:\n%s\nwant\n%s", got, want)
	}
	if stats.Deferred != 20 || stats.LazyStarted != 20 || stats.Peak != 20 {
		t.Errorf("stats = %+v, want 20 deferred nodes, 20 lazy values, 20 at once", stats)
	}
}

// TestLimitQueues checks that lazy values beyond WithConcurrency wait in a
// queue while the page goes on: each widget's value waits until the walk
// has reached the end of the page (a plain method there says so), which
// it never would if a value beyond the limit ran in the walk's goroutine.
func TestLimitQueues(t *testing.T) {
	defer goleak.VerifyNone(t)
	var stats braid.Stats
	eng := braid.New(braid.WithConcurrency(2), braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
	tpl, _ := eng.FromString(`{% for w in widgets %}[{{ w }}]{% endfor %}{{ end.Reached }}`)
	end := &endMark{reached: make(chan struct{})}
	widgets := make([]any, 6)
	for i := range widgets {
		widgets[i] = func(ctx context.Context) (int, error) {
			select {
			case <-end.reached:
				return i, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // liveness only
	defer cancel()
	got, err := tpl.RenderString(ctx, map[string]any{"widgets": widgets, "end": end})
	if err != nil || got != "[0][1][2][3][4][5]end" {
		t.Fatalf("got %q, %v", got, err)
	}
	if stats.Queued != 4 || stats.Peak != 2 {
		t.Errorf("stats = %+v, want 4 values queued and 2 at once", stats)
	}
}

// endMark's Reached is a plain method the walk calls at the end of the page.
type endMark struct {
	once    sync.Once
	reached chan struct{}
}

func (m *endMark) Reached() string {
	m.once.Do(func() { close(m.reached) })
	return "end"
}

// flushRecorder records what was written before each Flush.
type flushRecorder struct {
	bytes.Buffer
	flushed []string
}

func (f *flushRecorder) Flush() { f.flushed = append(f.flushed, f.String()) }

// TestStreamsHeaderFirst checks that the bytes before the first pending
// value are written and flushed before any widget is ready.
func TestStreamsHeaderFirst(t *testing.T) {
	defer goleak.VerifyNone(t)
	eng := braid.New()
	tpl, _ := eng.FromString(widgetPage)
	var w flushRecorder
	if err := tpl.Render(context.Background(), &w, slowWidgets(3, 10*time.Millisecond, nil)); err != nil {
		t.Fatal(err)
	}
	if len(w.flushed) == 0 || w.flushed[0] != "<h1>Dashboard</h1><section><h2>widget 0</h2>" {
		t.Errorf("first flush = %q, want the header up to the first widget's body", w.flushed)
	}
	if !strings.HasSuffix(w.String(), "<footer>end</footer>") {
		t.Errorf("page = %q", w.String())
	}
}

// TestNoGoroutinesForReadyData checks that data without pending values
// starts no goroutine and defers nothing.
func TestNoGoroutinesForReadyData(t *testing.T) {
	var stats braid.Stats
	eng := braid.New(braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
	tpl, _ := eng.FromString(`{% for i in items %}{{ i }}{% endfor %}`)
	if _, err := tpl.RenderString(context.Background(), map[string]any{"items": []int{1, 2, 3}}); err != nil {
		t.Fatal(err)
	}
	if stats.Deferred != 0 || stats.LazyStarted != 0 || stats.Peak != 0 {
		t.Errorf("stats = %+v, want nothing deferred or started", stats)
	}
}

// TestErrorInWidget checks that a failing lazy value fails the render
// with its position, after a valid prefix, and leaves no goroutine.
func TestErrorInWidget(t *testing.T) {
	defer goleak.VerifyNone(t)
	eng := braid.New()
	tpl, _ := eng.FromString("<p>{{ ok }}</p>\n<p>{{ bad }}</p>{{ slow }}")
	var w bytes.Buffer
	err := tpl.Render(context.Background(), &w, map[string]any{
		"ok":  func(ctx context.Context) (string, error) { return "fine", nil },
		"bad": func(ctx context.Context) (string, error) { return "", errors.New("db down") },
		"slow": func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		},
	})
	var e *braid.Error
	if !errors.As(err, &e) || e.Line != 2 || !strings.Contains(err.Error(), "db down") {
		t.Errorf("err = %v, want db down at line 2", err)
	}
	if !strings.HasPrefix("<p>fine</p>\n<p>", w.String()) {
		t.Errorf("written %q: not a prefix of the page", w.String())
	}
}

// TestCancelConcurrent checks that cancelling the caller's context ends a
// render that waits on values that never come.
func TestCancelConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t)
	eng := braid.New()
	tpl, _ := eng.FromString(widgetPage)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := tpl.RenderString(ctx, slowWidgets(10, time.Hour, nil))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}

// TestLazyRunsOnce checks that a lazy value reached many times, from many
// goroutines, runs once per render.
func TestLazyRunsOnce(t *testing.T) {
	defer goleak.VerifyNone(t)
	var calls atomic.Int32
	eng := braid.New()
	tpl, _ := eng.FromString(`{% for i in items %}{{ user.Name }}{% endfor %}`)
	data := map[string]any{
		"items": make([]int, 50),
		"user": func(ctx context.Context) (map[string]any, error) {
			calls.Add(1)
			time.Sleep(time.Millisecond)
			return map[string]any{"Name": "x"}, nil
		},
	}
	out, err := tpl.RenderString(context.Background(), data)
	if err != nil || out != strings.Repeat("x", 50) {
		t.Fatalf("got %q, %v", out, err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("lazy value ran %d times, want 1", n)
	}
}

// TestStreamLoops checks {% for %} over channels and iterators: items
// render as they arrive, forloop.last by looking one item ahead, the whole
// stream buffered only when the body needs its length.
func TestStreamLoops(t *testing.T) {
	defer goleak.VerifyNone(t)
	mkChan := func() <-chan string {
		c := make(chan string, 3) // buffered: a case that does not read it leaks nothing
		go func() {
			defer close(c)
			for _, s := range []string{"a", "b", "c"} {
				time.Sleep(time.Millisecond)
				c <- s
			}
		}()
		return c
	}
	seq := func(yield func(int) bool) {
		for i := range 3 {
			if !yield(i * 10) {
				return
			}
		}
	}
	for _, eng := range []*braid.Engine{braid.New(), braid.New(braid.WithSequential())} {
		for _, tt := range []struct{ src, want string }{
			{`{% for x in ch %}{{ forloop.counter }}{{ x }}{% if not forloop.last %},{% endif %}{% endfor %}|after`, "1a,2b,3c|after"},
			{`{% for x in ch %}{{ x }}{{ forloop.revcounter }}{% endfor %}`, "a3b2c1"},
			{`{% for x in ch reversed %}{{ x }}{% endfor %}`, "cba"},
			{`{% for x in seq %}{{ x }};{% endfor %}`, "0;10;20;"},
			{`{% for x in empty %}{{ x }}{% empty %}none{% endfor %}`, "none"},
		} {
			tpl, err := eng.FromString(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			empty := make(chan int)
			close(empty)
			got, err := tpl.RenderString(context.Background(), map[string]any{"ch": mkChan(), "seq": seq, "empty": empty})
			if err != nil || got != tt.want {
				t.Errorf("%s: got %q, %v; want %q", tt.src, got, err, tt.want)
			}
		}
	}
}

// TestManyPending checks that 100,000 pending values render with the
// goroutines bounded by the concurrency limit.
func TestManyPending(t *testing.T) {
	defer goleak.VerifyNone(t)
	var stats braid.Stats
	eng := braid.New(braid.WithConcurrency(16), braid.WithStats(func(_ string, st braid.Stats) { stats = st }))
	tpl, _ := eng.FromString(`{% for v in values %}{{ v }}{% endfor %}`)
	values := make([]any, 100000)
	for i := range values {
		values[i] = func(ctx context.Context) (int, error) { return i % 10, nil }
	}
	got, err := tpl.RenderString(context.Background(), map[string]any{"values": values})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 100000 || !strings.HasPrefix(got, "0123456789") {
		t.Errorf("output %d bytes starting %q", len(got), got[:20])
	}
	if stats.Peak > 16 {
		t.Errorf("peak goroutines %d, want at most the limit 16", stats.Peak)
	}
}

// TestLazyPanic checks that a panic in a lazy value becomes a positioned
// error.
func TestLazyPanic(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, eng := range []*braid.Engine{braid.New(), braid.New(braid.WithSequential())} {
		tpl, _ := eng.FromString("a\n{{ boom }}")
		_, err := tpl.RenderString(context.Background(), map[string]any{
			"boom": func(ctx context.Context) (string, error) { panic("kaboom") },
		})
		var e *braid.Error
		if !errors.As(err, &e) || e.Line != 2 || !strings.Contains(err.Error(), "kaboom") {
			t.Errorf("err = %v, want kaboom at line 2", err)
		}
	}
}

// TestFuture checks braid.Go futures in the data.
func TestFuture(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	eng := braid.New()
	tpl, _ := eng.FromString(`{{ f }} {% if f == 42 %}yes{% endif %} {{ f|add:1 }}`)
	f := braid.Go(ctx, func(ctx context.Context) (int, error) {
		time.Sleep(5 * time.Millisecond)
		return 42, nil
	})
	got, err := tpl.RenderString(ctx, map[string]any{"f": f})
	if err != nil || got != "42 yes 43" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestFilterReturnsFuture checks that a custom filter may return a
// pending value and that it takes part in concurrent rendering: the five
// fetches are in flight at the same time.
func TestFilterReturnsFuture(t *testing.T) {
	defer goleak.VerifyNone(t)
	var stats braid.Stats
	overlap := newBarrier(5)
	end := &endMark{reached: make(chan struct{})}
	eng := braid.New(
		braid.WithStats(func(_ string, st braid.Stats) { stats = st }),
		braid.WithFilter("fetch", func(in any) any {
			id := fmt.Sprint(in)
			return braid.Go(context.Background(), func(ctx context.Context) (string, error) {
				// All five fetches must be in flight at once to get past,
				// and each is still pending when its node looks (the walk
				// reaches the end of the page first).
				if err := overlap.wait(ctx); err != nil {
					return "", err
				}
				select {
				case <-end.reached:
				case <-ctx.Done():
					return "", ctx.Err()
				}
				return "user " + id, nil
			})
		}),
	)
	tpl, err := eng.FromString(`{% for id in ids %}[{{ id|fetch|upper }}]{% endfor %}{{ end.Reached }}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // liveness only
	defer cancel()
	got, err := tpl.RenderString(ctx, map[string]any{"ids": []int{1, 2, 3, 4, 5}, "end": end})
	if err != nil || got != "[USER 1][USER 2][USER 3][USER 4][USER 5]end" {
		t.Fatalf("got %q, %v", got, err)
	}
	if stats.Deferred != 5 {
		t.Errorf("stats %+v, want 5 deferred nodes", stats)
	}
}

// TestNewFutureEachCall checks that an expression that makes a new future
// each time it is evaluated (a function returning braid.Go) still renders:
// the node waits for the second future instead of deferring for ever.
func TestNewFutureEachCall(t *testing.T) {
	defer goleak.VerifyNone(t)
	var calls atomic.Int32
	eng := braid.New()
	tpl, _ := eng.FromString(`{{ fetch(1) }}|{% if fetch(2) %}yes{% endif %}`)
	got, err := tpl.RenderString(context.Background(), map[string]any{
		"fetch": func(n int) *braid.Future {
			calls.Add(1)
			return braid.Go(context.Background(), func(ctx context.Context) (int, error) {
				time.Sleep(2 * time.Millisecond)
				return n * 10, nil
			})
		},
	})
	if err != nil || got != "10|yes" {
		t.Errorf("got %q, %v", got, err)
	}
	if n := calls.Load(); n > 4 {
		t.Errorf("fetch called %d times", n)
	}
}

type futureMaker struct{ n int }

// Fetch makes a new future on every call.
func (m futureMaker) Fetch() *braid.Future {
	return braid.Go(context.Background(), func(ctx context.Context) (int, error) {
		time.Sleep(time.Millisecond)
		return m.n, nil
	})
}

// TestFuturesInData checks futures held in maps and made by methods, in
// both modes.
func TestFuturesInData(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx := context.Background()
	for _, eng := range []*braid.Engine{braid.New(), braid.New(braid.WithSequential())} {
		tpl, _ := eng.FromString(`{{ m.f }} {{ v.Fetch }} {{ p.Fetch }} {% for x in list %}{{ x.f }}{% endfor %}`)
		list := []any{}
		for i := range 3 {
			list = append(list, map[string]any{"f": braid.Go(ctx, func(ctx context.Context) (int, error) { return i, nil })})
		}
		got, err := tpl.RenderString(ctx, map[string]any{
			"m":    map[string]any{"f": braid.Go(ctx, func(ctx context.Context) (string, error) { return "in map", nil })},
			"v":    futureMaker{7},
			"p":    &futureMaker{8},
			"list": list,
		})
		if err != nil || got != "in map 7 8 012" {
			t.Errorf("got %q, %v", got, err)
		}
	}
}

// TestSequentialFlushesBeforeWaiting checks that a sequential render, too,
// sends what it knows before it computes a slow value in place.
func TestSequentialFlushesBeforeWaiting(t *testing.T) {
	eng := braid.New(braid.WithSequential())
	tpl, _ := eng.FromString(widgetPage)
	var w flushRecorder
	if err := tpl.Render(context.Background(), &w, slowWidgets(2, time.Millisecond, nil)); err != nil {
		t.Fatal(err)
	}
	if len(w.flushed) == 0 || w.flushed[0] != "<h1>Dashboard</h1><section><h2>widget 0</h2>" {
		t.Errorf("first flush = %q, want the header up to the first widget's body", w.flushed)
	}
}

// syncFlushRecorder is a flushRecorder that another goroutine may read.
type syncFlushRecorder struct {
	mu sync.Mutex
	flushRecorder
}

func (f *syncFlushRecorder) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.flushRecorder.Write(p)
}

func (f *syncFlushRecorder) Flush() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flushRecorder.Flush()
}

// lastFlushed is what the last Flush had been given.
func (f *syncFlushRecorder) lastFlushed() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.flushed) == 0 {
		return ""
	}
	return f.flushed[len(f.flushed)-1]
}

// TestFlushesCoalesced: quick values do not flush the writer one by one
// (render.TestFlushSoon counts that), but what they printed still
// reaches the reader while a slow value waits: the flush put off is paid
// within a millisecond. The slow value is released only once the quick
// ones' output was flushed; the deadline is only a liveness bound.
func TestFlushesCoalesced(t *testing.T) {
	defer goleak.VerifyNone(t)
	tpl, err := braid.New().FromString(`<h1>{% for q in quick %}{{ q }};{% endfor %}|{{ slow }}</end>`)
	if err != nil {
		t.Fatal(err)
	}
	quick := make([]any, 50)
	for i := range quick {
		quick[i] = func(context.Context) (string, error) { return fmt.Sprint("q", i), nil }
	}
	release := make(chan struct{})
	data := map[string]any{"quick": quick, "slow": func(ctx context.Context) (string, error) {
		select {
		case <-release:
			return "slow", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}}
	var w syncFlushRecorder
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- tpl.Render(ctx, &w, data) }()
	want := "<h1>q0;q1;"
	for i := 2; i < 50; i++ {
		want += fmt.Sprint("q", i, ";")
	}
	want += "|"
	for w.lastFlushed() != want {
		select {
		case err := <-done:
			t.Fatalf("render ended before the slow value came: %v", err)
		case <-ctx.Done():
			t.Fatalf("what the quick values printed was never flushed: last flush %q", w.lastFlushed())
		case <-time.After(100 * time.Microsecond):
		}
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := w.String(); got != want+"slow</end>" {
		t.Errorf("page = %q", got)
	}
}
