package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestStreaming starts the server on a loopback port and reads the page
// with a real HTTP client as it arrives: the header comes before the first
// widget could be ready, and all widgets arrive in order in about one
// latency, not twenty. (Sanity bounds, not timing claims: generous on a
// busy machine, still far below the sequential 1 s.)
func TestStreaming(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: Handler()}
	go srv.Serve(ln)
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	resp, err := client.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	var header time.Duration
	var lines []string
	for {
		line, err := r.ReadString('\n')
		if strings.Contains(line, "<h1>Dashboard</h1>") && header == 0 {
			header = time.Since(start)
		}
		if line != "" {
			lines = append(lines, line)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	total := time.Since(start)
	if header == 0 || header >= Latency {
		t.Errorf("header arrived after %v, want before the first widget's %v", header, Latency)
	}
	if total > 10*Latency {
		t.Errorf("page took %v: widgets did not overlap (sequential would take %v)", total, Widgets*Latency)
	}
	page := strings.Join(lines, "")
	last := -1
	for i := 1; i <= Widgets; i++ {
		at := strings.Index(page, "data for widget "+strconv.Itoa(i)+"<")
		if at < 0 || at < last {
			t.Fatalf("widget %d out of order or missing", i)
		}
		last = at
	}
	if !strings.Contains(page, "<footer>done</footer>") {
		t.Errorf("page incomplete:\n%s", page)
	}
}
