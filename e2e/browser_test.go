// Package e2e tests braid's streaming in real clients: the demo
// (examples/streaming) in a headless Chromium, driven over the DevTools
// protocol with chromedp, and the out-of-order fallback script in jsdom.
// It is a module of its own so that chromedp stays out of braid's
// dependencies; .ci/run installs Chromium and Node.js's jsdom and runs it.
package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// hang bounds every wait: a liveness bound, not a timing claim.
const hang = 60 * time.Second

// demo builds and starts the streaming example on a free loopback port and
// returns its URL; it stops at the end of the test.
func demo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "streaming")
	build := exec.Command("go", "build", "-o", bin, "./examples/streaming")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "-port", fmt.Sprint(port))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	for deadline := time.Now().Add(hang); ; {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return url
		}
		if time.Now().After(deadline) {
			t.Fatal("the demo did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// browser starts a headless Chromium (Debian's /usr/bin/chromium, or
// $CHROMIUM) for the test, with the flags this workplace's machines need.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no Chromium at %s (.ci/run installs Debian's chromium)", path)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 3*hang)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// widgets is what the page shows of its widgets once all have arrived:
// each one's text, and when it arrived (ms after the page began, from the
// page's own MutationObserver).
type widgets struct {
	Main    string         // <main>, without the arrival stamps
	Arrived map[string]int // widget number → ms
}

// load opens url in a new tab and waits until every widget has arrived.
func load(t *testing.T, ctx context.Context, url string, js bool) widgets {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	if !js {
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
	}
	// The footer is written after the render: every region is in by then.
	if err := chromedp.Do(tab, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	w, err := chromedp.Run(tab, chromedp.Evaluate[widgets](`(() => {
		const m = document.querySelector("main").cloneNode(true);
		const arrived = {};
		m.querySelectorAll("section[data-w]").forEach(s => {
			if (s.hasAttribute("data-seen")) arrived[s.getAttribute("data-w")] = +s.getAttribute("data-seen");
			s.removeAttribute("data-seen");
			s.querySelector(".arrived").textContent = "";
		});
		return {Main: m.outerHTML, Arrived: arrived};
	})()`))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return w
}

// dataReady blanks the server's "data ready N ms" figures, which differ
// from one load to the next.
func dataReady(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "data ready ")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+len("data ready ")])
		s = s[i+len("data ready "):]
		j := strings.Index(s, " ms")
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString("N")
		s = s[j:]
	}
}

// TestBrowser loads the demo in Chromium in order and out of order, with
// the fallback script and natively with JavaScript off: the final DOM of
// the page's widgets is the same in all, and the arrival order is what
// each mode promises. Out of order, the 20 ms widget 2 arrives before the
// 800 ms widget 1 at the top of the page; in order, no widget arrives
// before widget 1. The arrival times are logged for the note.
func TestBrowser(t *testing.T) {
	url := demo(t)
	ctx := browser(t)
	in := load(t, ctx, url+"?mode=inorder", true)
	out := load(t, ctx, url+"?mode=outoforder", true)
	native := load(t, ctx, url+"?mode=outoforder&native=1", false)
	seq := load(t, ctx, url+"?mode=sequential", false)
	if got, want := dataReady(out.Main), dataReady(in.Main); got != want {
		t.Errorf("out of order, the DOM differs:\n%s\nin order:\n%s", got, want)
	}
	if got, want := dataReady(native.Main), dataReady(seq.Main); got != want {
		t.Errorf("out of order natively without JavaScript, the DOM differs:\n%s\nsequential without JavaScript:\n%s", got, want)
	}
	for _, w := range []widgets{in, out} {
		if len(w.Arrived) != 12 {
			t.Fatalf("%d widgets stamped, want 12: %v", len(w.Arrived), w.Arrived)
		}
	}
	if out.Arrived["2"] >= out.Arrived["1"] {
		t.Errorf("out of order: widget 2 (20 ms) arrived at %d ms, not before widget 1 (800 ms) at %d ms", out.Arrived["2"], out.Arrived["1"])
	}
	for n, at := range in.Arrived {
		if at < in.Arrived["1"] {
			t.Errorf("in order: widget %s arrived at %d ms, before widget 1 at %d ms", n, at, in.Arrived["1"])
		}
	}
	for _, m := range []struct {
		name string
		w    widgets
	}{{"inorder", in}, {"outoforder", out}} {
		keys := make([]string, 0, 12)
		for k := range m.w.Arrived {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return len(keys[i]) < len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
		})
		var line strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&line, " w%s=%d", k, m.w.Arrived[k])
		}
		t.Logf("%s: widgets arrived at (ms after the page began):%s", m.name, line.String())
	}
}
