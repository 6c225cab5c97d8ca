package loader_test

import (
	"bytes"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/braidtpl/braid/loader"
)

// syncBuffer is a log destination safe for the watcher's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// watching returns a watching loader over dir, closed at the end of the
// test, and a channel of its reload batches.
func watching(t *testing.T, dir string, extra ...loader.Option) (*loader.Loader, <-chan []string) {
	t.Helper()
	src, err := loader.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string, 100)
	opts := append([]loader.Option{loader.WithReloadHook(func(names []string) { batches <- names })}, extra...)
	l := loader.New([]fs.FS{src}, compile, opts...)
	if err := l.Watch(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	})
	return l, batches
}

// reloadWait bounds the waits for the watcher. It is a liveness bound, not
// a latency claim: a reload takes the debounce and a little more, and only
// a watcher that never reloads takes this long, even on a busy machine or
// under the race detector.
const reloadWait = 30 * time.Second

// waitSource polls, every 10 ms, until name's source is want, and fails
// the test if that has not happened after as many polls as reloadWait
// holds (a count: a busy machine only makes the wait longer).
func waitSource(t *testing.T, l *loader.Loader, name, want string) {
	t.Helper()
	for range int(reloadWait / (10 * time.Millisecond)) {
		res, err := l.Get(name)
		if err == nil && res.Program.Source == want {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	res, err := l.Get(name)
	t.Fatalf("%s: no reload after %v of polls: %v, %v; want source %q", name, reloadWait, res, err, want)
}

// nextBatch returns the watcher's next reload batch, and fails the test if
// none has come after reloadWait.
func nextBatch(t *testing.T, batches <-chan []string) []string {
	t.Helper()
	select {
	case got := <-batches:
		return got
	case <-time.After(reloadWait):
		t.Fatalf("no reload batch after %v", reloadWait)
		return nil
	}
}

// TestWatch checks that a change to a file invalidates it and what
// includes it, in one batch after the debounce.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "page.html"), `{% include "part.html" %}`)
	write(t, filepath.Join(dir, "part.html"), "v1")
	l, batches := watching(t, dir)
	for _, n := range []string{"page.html", "part.html"} {
		if _, err := l.Get(n); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "part.html"), "v2")
	if got := nextBatch(t, batches); !slices.Equal(got, []string{"page.html", "part.html"}) {
		t.Errorf("reloaded %v, want page.html and part.html", got)
	}
	waitSource(t, l, "part.html", "v2")
}

// TestWatchDebounce checks that a burst of writes is one invalidation,
// or very few.
//
// The end of the burst is an event, not a pause: mark.html, written after
// it, is reported after the burst's events (inotify keeps their order), so
// the batch that reloads mark.html holds the burst's last events and no
// batch after it holds any. A pause of the test long enough for the
// debounce to end the burst early (a busy machine) allows one batch more.
func TestWatchDebounce(t *testing.T) {
	const debounce = 500 * time.Millisecond
	dir := t.TempDir()
	path, mark := filepath.Join(dir, "a.html"), filepath.Join(dir, "mark.html")
	write(t, path, "v0")
	write(t, mark, "m0")
	l, batches := watching(t, dir, loader.WithDebounce(debounce))
	for _, n := range []string{"a.html", "mark.html"} {
		if _, err := l.Get(n); err != nil {
			t.Fatal(err)
		}
	}
	stalls, last := 0, time.Now()
	step := func() {
		now := time.Now()
		if now.Sub(last) >= debounce/2 {
			stalls++
		}
		last = now
	}
	for i := range 20 {
		write(t, path, strings.Repeat("x", i))
		step()
		os.Chmod(path, 0o600+fs.FileMode(i%2)*0o40)
		step()
	}
	write(t, path, "final")
	step()
	waitSource(t, l, "a.html", "final")
	write(t, mark, "m1")

	n := 0 // batches of the burst
	for {
		got := nextBatch(t, batches)
		if slices.Contains(got, "mark.html") {
			// a.html is loaded (waitSource): if this batch holds events of
			// the burst too, it names a.html.
			if slices.Contains(got, "a.html") {
				n++
			}
			break
		}
		n++
	}
	t.Logf("%d reload batches for the burst, %d pauses of it", n, stalls)
	if n == 0 || n > 3+stalls {
		t.Errorf("%d reload batches for one burst of 21 writes (%d pauses of the burst)", n, stalls)
	}
}

// TestWatchNewDirectory checks that directories created after Watch are
// watched, with files written in them at once.
func TestWatchNewDirectory(t *testing.T) {
	dir := t.TempDir()
	l, _ := watching(t, dir)
	if _, err := l.Get("a/b/c.html"); err == nil {
		t.Fatal("a/b/c.html exists before it is written")
	}
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "a", "b", "c.html"), "c1")
	waitSource(t, l, "a/b/c.html", "c1")
	// The new directory is watched: a later change is seen.
	write(t, filepath.Join(dir, "a", "b", "c.html"), "c2")
	waitSource(t, l, "a/b/c.html", "c2")
	// A directory moved away and back is watched again.
	if err := os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "z")); err != nil {
		t.Fatal(err)
	}
	waitSource(t, l, "z/b/c.html", "c2")
	write(t, filepath.Join(dir, "z", "b", "c.html"), "c3")
	waitSource(t, l, "z/b/c.html", "c3")
}

// TestWatchNotADirectory checks that a source that is not on disk is
// served but not watched, with a warning.
func TestWatchNotADirectory(t *testing.T) {
	var logs syncBuffer
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"a.html": "a"})}, compile,
		loader.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err := l.Watch(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "not watched") {
		t.Errorf("no warning: %q", logs.String())
	}
	if _, err := l.Get("a.html"); err != nil {
		t.Error(err)
	}
	if err := l.Close(); err != nil {
		t.Error(err)
	}
}

// TestWatchClose checks that Close is idempotent and that Watch after it
// is an error.
func TestWatchClose(t *testing.T) {
	src, err := loader.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l := loader.New([]fs.FS{src}, compile)
	if err := l.Watch(); err != nil {
		t.Fatal(err)
	}
	if err := l.Watch(); err != nil {
		t.Errorf("second Watch: %v", err)
	}
	for range 2 {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	}
	if err := l.Watch(); err == nil {
		t.Error("Watch after Close: no error")
	}
}
