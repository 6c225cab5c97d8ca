package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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

// get reads the page at url with a real HTTP client as it arrives, and
// sends it line by line to lines, which it closes at the end.
func get(ctx context.Context, url string, lines chan<- string) error {
	defer close(lines)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	r := bufio.NewReader(resp.Body)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			lines <- line
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// checkPage checks that page is the whole dashboard rendered in mode, with
// every widget's data, in order.
func checkPage(t *testing.T, page, mode string) {
	t.Helper()
	if !strings.Contains(page, "<h1>Dashboard</h1><p>rendered "+mode+"</p>") {
		t.Errorf("no header for the %s render:\n%s", mode, page)
	}
	last := -1
	for i := 1; i <= Widgets; i++ {
		at := strings.Index(page, `<section id="w`+strconv.Itoa(i)+`"><h2>Widget `+strconv.Itoa(i)+`</h2><p>data for widget `+strconv.Itoa(i)+`</p></section>`)
		if at < 0 || at < last {
			t.Fatalf("widget %d out of order or missing:\n%s", i, page)
		}
		last = at
	}
	if !strings.HasSuffix(page, "<footer>done</footer>\n</body></html>\n") {
		t.Errorf("page incomplete:\n%s", page)
	}
}

// TestStreaming serves the dashboard with widgets whose data waits for a
// gate that the test holds, and reads the page with a real HTTP client as
// it arrives. Before the gate opens, the header has arrived (the page is
// streamed, not held back until the widgets are ready) and every widget's
// data has been asked for (the widgets overlap: a sequential render would
// wait on the first alone). Then the page is whole, every widget in order.
// Nothing is timed: the order of events is the proof.
func TestStreaming(t *testing.T) {
	noLeaks(t)
	gate := make(chan struct{})
	open := sync.OnceFunc(func() { close(gate) })
	var started atomic.Int32
	allStarted := make(chan struct{})
	source := func(ctx context.Context, widget int) (string, error) {
		if started.Add(1) == Widgets {
			close(allStarted)
		}
		select {
		case <-gate:
			return fmt.Sprintf("data for widget %d", widget), nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	url := serve(t, handler(source))

	ctx, cancel := context.WithTimeout(context.Background(), hang)
	lines := make(chan string, 100) // more than the page's lines: get never blocks
	var getErr error
	done := make(chan struct{})
	go func() { defer close(done); getErr = get(ctx, url, lines) }()
	defer func() { // on a failure too: the client and the render end
		cancel()
		open()
		<-done
	}()

	var page strings.Builder
	for !strings.Contains(page.String(), "<h1>Dashboard</h1>") {
		select {
		case line, ok := <-lines:
			if !ok {
				<-done
				t.Fatalf("the page ended while the widgets waited: %v\n%s", getErr, page.String())
			}
			page.WriteString(line)
		case <-ctx.Done():
			t.Fatalf("no header while the widgets waited (%v): the page is not streamed\n%s", hang, page.String())
		}
	}
	select {
	case <-allStarted:
	case <-ctx.Done():
		t.Fatalf("%d of %d widgets asked for their data before any got it (%v): they do not overlap", started.Load(), Widgets, hang)
	}

	open()
	for line := range lines {
		page.WriteString(line)
	}
	if <-done; getErr != nil {
		t.Fatal(getErr)
	}
	checkPage(t, page.String(), "concurrently")
}

// TestHandler reads the page that the command serves, with its real
// widgets, concurrently and sequentially: whole, every widget in order.
func TestHandler(t *testing.T) {
	noLeaks(t)
	url := serve(t, Handler())
	for _, c := range []struct{ query, mode string }{{"", "concurrently"}, {"?sequential=1", "sequentially"}} {
		ctx, cancel := context.WithTimeout(context.Background(), hang)
		lines := make(chan string, 100)
		errc := make(chan error, 1)
		go func() { errc <- get(ctx, url+c.query, lines) }()
		var page strings.Builder
		for line := range lines {
			page.WriteString(line)
		}
		err := <-errc
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", c.mode, err)
		}
		checkPage(t, page.String(), c.mode)
	}
}
