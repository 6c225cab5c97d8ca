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

// waitSource polls, every 10 ms for up to 2 s, until name's source is want.
func waitSource(t *testing.T, l *loader.Loader, name, want string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		res, err := l.Get(name)
		if err == nil && res.Program.Source == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: after 2s, %v, %v; want source %q", name, res, err, want)
		}
		time.Sleep(10 * time.Millisecond)
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
	select {
	case got := <-batches:
		if !slices.Equal(got, []string{"page.html", "part.html"}) {
			t.Errorf("reloaded %v, want page.html and part.html", got)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no reload after 2s")
	}
	waitSource(t, l, "part.html", "v2")
}

// TestWatchDebounce checks that a burst of writes is one invalidation,
// or very few.
func TestWatchDebounce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.html")
	write(t, path, "v0")
	l, batches := watching(t, dir, loader.WithDebounce(100*time.Millisecond))
	if _, err := l.Get("a.html"); err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		write(t, path, strings.Repeat("x", i))
		os.Chmod(path, 0o600+fs.FileMode(i%2)*0o40)
	}
	write(t, path, "final")
	waitSource(t, l, "a.html", "final")
	// Let any batch still pending arrive.
	time.Sleep(300 * time.Millisecond)
	if n := len(batches); n > 3 {
		t.Errorf("%d reload batches for one burst of 21 writes", n)
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
