package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid/internal/htmlpatch"
	"go.uber.org/goleak"
)

// hang bounds every wait of these tests. It is a liveness bound, not a
// timing claim: only a page that never comes takes this long, even on a
// busy machine or under the race detector.
const hang = 30 * time.Second

// noLeaks checks at the end of the test, after its cleanups, that no
// goroutine of it is left.
func noLeaks(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t, goleak.IgnoreTopFunction("internal/poll.runtime_pollWait")) })
}

// serve starts h on a loopback port, closed at the end of the test, and
// returns its URL.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// reader reads a page with a real HTTP client as it arrives.
type reader struct {
	mu   sync.Mutex
	page strings.Builder
	more chan struct{} // a signal after each read
	done chan struct{}
	err  error
}

// get starts reading url; read it with waitFor and rest.
func get(ctx context.Context, url string) *reader {
	r := &reader{more: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			r.err = err
			return
		}
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := client.Do(req)
		if err != nil {
			r.err = err
			return
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			r.err = fmt.Errorf("status %s", resp.Status)
			return
		}
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			r.mu.Lock()
			r.page.Write(buf[:n])
			r.mu.Unlock()
			select {
			case r.more <- struct{}{}:
			default:
			}
			if err == io.EOF {
				return
			}
			if err != nil {
				r.err = err
				return
			}
		}
	}()
	return r
}

func (r *reader) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.page.String()
}

// waitFor waits until the page so far satisfies ok; false if the page
// ended, or hang passed, first.
func (r *reader) waitFor(ok func(page string) bool) bool {
	deadline := time.After(hang)
	for !ok(r.String()) {
		select {
		case <-r.more:
		case <-r.done:
			return ok(r.String())
		case <-deadline:
			return false
		}
	}
	return true
}

// rest waits for the end of the page and returns it.
func (r *reader) rest(t *testing.T) string {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(hang):
		t.Fatal("the page never ended")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.String()
}

// gated is a source whose widget 1 (the slowest, first on the page) waits
// for open, and the others answer at once. It counts the calls started and
// the most in flight at once.
type gated struct {
	gate              chan struct{}
	open              func()
	started, inFlight atomic.Int32
	peak              atomic.Int32
	order             chan int
}

func newGated() *gated {
	g := &gated{gate: make(chan struct{}), order: make(chan int, len(Latencies))}
	g.open = sync.OnceFunc(func() { close(g.gate) })
	return g
}

func (g *gated) source(ctx context.Context, widget int, _ time.Duration, _ time.Time) (Data, error) {
	g.started.Add(1)
	n := g.inFlight.Add(1)
	defer g.inFlight.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	g.order <- widget
	if widget == 1 {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return Data{}, ctx.Err()
		}
	}
	return Data{Text: fmt.Sprintf("widget-%d-ready", widget), ReadyMS: int64(widget)}, nil
}

func ready(n int) string { return "widget-" + strconv.Itoa(n) + "-ready" }

var footer = regexp.MustCompile(`<footer>rendered .*</footer>`)

// normalize blanks what differs between the modes' pages: the mode's name
// and the footer's figures.
func normalize(page, mode string) string {
	page = strings.ReplaceAll(page, mode, "MODE")
	return footer.ReplaceAllString(page, "<footer/>")
}

// checkPage checks that page (patched, out of order) has every widget's
// data, in order, and the footer.
func checkPage(t *testing.T, page, mode string) string {
	t.Helper()
	if mode == "outoforder" {
		var err error
		if page, err = htmlpatch.Apply(page); err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
	}
	last := -1
	for i := 1; i <= len(Latencies); i++ {
		at := strings.Index(page, `<div class="value">`+ready(i)+`</div>`)
		if at < 0 || at < last {
			t.Fatalf("%s: widget %d out of order or missing:\n%s", mode, i, page)
		}
		last = at
	}
	if !strings.Contains(page, "<footer>rendered "+mode) || !strings.HasSuffix(page, "</body></html>\n") {
		t.Errorf("%s: page incomplete:\n%s", mode, page)
	}
	return normalize(page, mode)
}

// TestOutOfOrder reads the out-of-order page with a real HTTP client while
// the first widget's data waits for a gate the test holds: every other
// widget, and the footer's place after them, arrive before the gate opens
// (in order, nothing after widget 1 could). Then the page ends with widget
// 1's region, and once patched it is the in-order page. Nothing is timed:
// the order of events is the proof.
func TestOutOfOrder(t *testing.T) {
	noLeaks(t)
	g := newGated()
	url := serve(t, handler(g.source))
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	defer g.open() // on a failure too, so that the render ends

	r := get(ctx, url+"?mode=outoforder")
	others := func(page string) bool {
		for i := 2; i <= len(Latencies); i++ {
			if !strings.Contains(page, ready(i)) {
				return false
			}
		}
		return strings.Contains(page, "</main>")
	}
	if !r.waitFor(others) {
		t.Fatalf("the fast widgets did not arrive while widget 1 waited:\n%s", r)
	}
	if page := r.String(); strings.Contains(page, ready(1)) || !strings.Contains(page, `<?start name="b1">`) {
		t.Fatalf("widget 1 has no placeholder while it waits:\n%s", page)
	}
	g.open()
	page := r.rest(t)
	if i := strings.Index(page, ready(1)); i < strings.LastIndex(page, ready(12)) {
		t.Errorf("widget 1 did not come last:\n%s", page)
	}
	outoforder := checkPage(t, page, "outoforder")

	// The same page in order and sequentially, patched, is the same.
	for _, mode := range []string{"inorder", "sequential"} {
		g := newGated()
		g.open()
		url := serve(t, handler(g.source))
		if got := checkPage(t, get(ctx, url+"?mode="+mode).rest(t), mode); got != outoforder {
			t.Errorf("%s and outoforder differ:\n%s\n%s", mode, got, outoforder)
		}
	}
}

// TestConcurrency checks what the modes' timings come from, by counting:
// in order and out of order, every widget's source starts before the first
// one (the slowest) answers, so the page takes about the slowest latency;
// sequentially, one source runs at a time, in page order, so the page
// takes their sum.
func TestConcurrency(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	for _, mode := range []string{"inorder", "outoforder"} {
		g := newGated()
		url := serve(t, handler(g.source))
		r := get(ctx, url+"?mode="+mode)
		for range Latencies {
			select {
			case <-g.order:
			case <-time.After(hang):
				g.open()
				t.Fatalf("%s: %d of %d sources started while widget 1 waited", mode, g.started.Load(), len(Latencies))
			}
		}
		g.open()
		checkPage(t, r.rest(t), mode)
	}
	g := newGated()
	g.open()
	url := serve(t, handler(g.source))
	checkPage(t, get(ctx, url+"?mode=sequential").rest(t), "sequential")
	if p := g.peak.Load(); p != 1 {
		t.Errorf("sequential: %d sources at once", p)
	}
	for i := 1; i <= len(Latencies); i++ {
		if w := <-g.order; w != i {
			t.Fatalf("sequential: source %d started %dth", w, i)
		}
	}
}

// TestHandler reads the pages the command serves, with its real sources,
// in every mode, and the comparison page.
func TestHandler(t *testing.T) {
	noLeaks(t)
	url := serve(t, Handler())
	ctx, cancel := context.WithTimeout(context.Background(), hang)
	defer cancel()
	for _, mode := range Modes {
		checkPage(t, get(ctx, url+"?mode="+mode).rest(t), mode)
	}
	cmp := get(ctx, url+"compare").rest(t)
	for _, mode := range Modes {
		if !strings.Contains(cmp, `<iframe src="/?mode=`+mode+`">`) {
			t.Errorf("compare has no %s frame:\n%s", mode, cmp)
		}
	}
	resp, err := http.Get(url + "?mode=bogus")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("?mode=bogus: %s", resp.Status)
	}
}
