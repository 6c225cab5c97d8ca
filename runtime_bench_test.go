package braid_test

import (
	"context"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
)

// The runtime's bounds, measured (run by hand; see README's development
// table): memory behind a slow value, return after a deadline, and the
// lazy-value limit's queue.

// BenchmarkHeldBehindSlow streams 400 MB after a value that takes 2 s and
// reports the most heap in use meanwhile (peak-MB, sampled every 10 ms),
// with the default bound, with no bound to speak of, and sequentially.
//
//	go test -run '^$' -bench HeldBehindSlow -benchtime 1x .
func BenchmarkHeldBehindSlow(b *testing.B) {
	src := `{{ slow }}{% for a in outer %}{% for b in inner %}` + strings.Repeat("x", 99) + "\n" + `{% endfor %}{% endfor %}`
	for _, tt := range []struct {
		name string
		opts []braid.Option
	}{
		{"bounded", nil},
		{"unbounded", []braid.Option{braid.WithMaxBuffered(1 << 40)}},
		{"sequential", []braid.Option{braid.WithSequential()}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			tpl, err := braid.New(tt.opts...).FromString(src)
			if err != nil {
				b.Fatal(err)
			}
			data := map[string]any{
				"slow": func(ctx context.Context) (string, error) {
					time.Sleep(2 * time.Second)
					return "head\n", nil
				},
				"outer": make([]int, 1000),
				"inner": make([]int, 4000),
			}
			for b.Loop() {
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				var peak atomic.Uint64
				stop := make(chan struct{})
				sampled := make(chan struct{})
				go func() {
					defer close(sampled)
					tick := time.NewTicker(10 * time.Millisecond)
					defer tick.Stop()
					for {
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						if m.HeapInuse > peak.Load() {
							peak.Store(m.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-tick.C:
						}
					}
				}()
				n := &countingWriter{}
				if err := tpl.Render(context.Background(), n, data); err != nil {
					b.Fatal(err)
				}
				close(stop)
				<-sampled
				b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-MB")
				b.ReportMetric(float64(n.n)/(1<<20), "page-MB")
			}
		})
	}
}

// countingWriter counts bytes.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkReturnAfterDeadline renders 20 times a page waiting on a value
// that ignores its context, with a 20 ms deadline, and reports how long
// Render took to return after the deadline: the median and the maximum.
//
//	go test -run '^$' -bench ReturnAfterDeadline -benchtime 1x .
func BenchmarkReturnAfterDeadline(b *testing.B) {
	tpl, _ := braid.New().FromString(`<h1>page</h1>{{ stuck }}{% for i in items %}{{ i }}{% endfor %}`)
	release := make(chan struct{})
	defer close(release)
	data := map[string]any{
		"stuck": func(context.Context) (string, error) { <-release; return "", nil },
		"items": make([]int, 100),
	}
	for b.Loop() {
		var lat []time.Duration
		for range 20 {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			deadline, _ := ctx.Deadline()
			err := tpl.Render(ctx, io.Discard, data)
			lat = append(lat, time.Since(deadline))
			cancel()
			if err == nil {
				b.Fatal("no error after the deadline")
			}
		}
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2])/1e6, "median-ms")
		b.ReportMetric(float64(lat[len(lat)-1])/1e6, "max-ms")
	}
}

// BenchmarkLimitQueue renders 10,000 lazy values of 10 ms each at the
// default limit and reports the total time against the limit's own
// bound, ceil(N/limit) × 10 ms (ideal-ms), and their ratio; and the CPU
// time of the process per value (cpu-us/value). The zero sub-benchmark
// renders 10,000 values that take no time, concurrently and sequentially,
// so that cpu-us/value is what braid spends on each pending value.
//
//	go test -run '^$' -bench LimitQueue -benchtime 1x .
func BenchmarkLimitQueue(b *testing.B) {
	const n = 10_000
	tpl, _ := braid.New().FromString(`{% for v in values %}{{ v }}{% endfor %}`)
	seq, _ := braid.New(braid.WithSequential()).FromString(`{% for v in values %}{{ v }}{% endfor %}`)
	values := func(lat time.Duration) map[string]any {
		vs := make([]any, n)
		for i := range vs {
			vs[i] = func(ctx context.Context) (int, error) {
				if lat > 0 {
					time.Sleep(lat)
				}
				return i % 10, nil
			}
		}
		return map[string]any{"values": vs}
	}
	// run renders once and returns the time it took and the CPU it used.
	run := func(b *testing.B, tpl *braid.Template, data map[string]any) (wall, cpu time.Duration) {
		start, cpu0 := time.Now(), cpuTime()
		if err := tpl.Render(context.Background(), io.Discard, data); err != nil {
			b.Fatal(err)
		}
		return time.Since(start), cpuTime() - cpu0
	}
	perValue := func(b *testing.B, cpu time.Duration) {
		b.ReportMetric(float64(cpu.Nanoseconds())/1000/n/float64(b.N), "cpu-us/value")
	}
	b.Run("10ms", func(b *testing.B) {
		const lat = 10 * time.Millisecond
		data := values(lat)
		ideal := time.Duration((n+braid.DefaultConcurrency-1)/braid.DefaultConcurrency) * lat
		var walls, cpus time.Duration
		for b.Loop() {
			wall, cpu := run(b, tpl, data)
			walls, cpus = walls+wall, cpus+cpu
		}
		total := walls / time.Duration(b.N)
		b.ReportMetric(float64(total)/1e6, "total-ms")
		b.ReportMetric(float64(ideal)/1e6, "ideal-ms")
		b.ReportMetric(float64(total)/float64(ideal), "ratio")
		perValue(b, cpus)
	})
	for _, mode := range []struct {
		name string
		tpl  *braid.Template
	}{{"zero", tpl}, {"zero_sequential", seq}} {
		b.Run(mode.name, func(b *testing.B) {
			data := values(0)
			var cpus time.Duration
			for b.Loop() {
				_, cpu := run(b, mode.tpl, data)
				cpus += cpu
			}
			perValue(b, cpus)
		})
	}
}
