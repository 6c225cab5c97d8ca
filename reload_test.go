package braid_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"go.uber.org/goleak"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/loader"
)

// reloadLog is a log destination safe for the watcher's goroutine.
type reloadLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *reloadLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *reloadLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// reloadEngine returns an engine with hot reload over dir, closed at the
// end of the test, after which no goroutine of it may remain.
func reloadEngine(t *testing.T, dir string, opts ...braid.Option) *braid.Engine {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // runs after Close below
	logs := &reloadLog{}
	opts = append([]braid.Option{braid.WithDir(dir), braid.WithHotReload(true),
		braid.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))}, opts...)
	eng := braid.New(opts...)
	t.Cleanup(func() {
		if err := eng.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if t.Failed() {
			t.Logf("watcher log:\n%s", logs)
		}
	})
	return eng
}

func reloadWrite(t testing.TB, dir, name, src string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// render renders name, asking the engine for it first, as a server with
// hot reload does for each request.
func render(eng *braid.Engine, name string) (string, error) {
	tpl, err := eng.Template(name)
	if err != nil {
		return "", err
	}
	return tpl.RenderString(context.Background(), map[string]any{"name": "Ann"})
}

// reloadPolls bounds the wait for a reload, in polls a millisecond apart
// (at least 30 s). It is a liveness bound, not a latency claim: a reload
// takes the debounce (50 ms) and a little more, and only a watcher that
// never reloads takes this long, even on a busy machine or under the race
// detector.
const reloadPolls = 30_000

// waitFor polls the render of name, every millisecond, until ok accepts
// it, and fails the test if that has not happened after reloadPolls
// polls (a count, so a busy machine only makes the wait longer).
func waitFor(t testing.TB, eng *braid.Engine, name, what string, ok func(string, error) bool) {
	t.Helper()
	for range reloadPolls {
		out, err := render(eng, name)
		if ok(out, err) {
			return
		}
		time.Sleep(time.Millisecond)
	}
	out, err := render(eng, name)
	t.Fatalf("%s: no reload after %d polls: render = %q, %v; want %s", name, reloadPolls, out, err, what)
}

// waitOutput waits for name to render as want.
func waitOutput(t testing.TB, eng *braid.Engine, name, want string) {
	t.Helper()
	waitFor(t, eng, name, fmt.Sprintf("%q", want), func(out string, err error) bool { return err == nil && out == want })
}

func mustRender(t *testing.T, eng *braid.Engine, name, want string) {
	t.Helper()
	if out, err := render(eng, name); err != nil || out != want {
		t.Fatalf("%s = %q, %v; want %q", name, out, err, want)
	}
}

// TestHotReloadWrite checks that an edit shows in the next renders, and
// that a *Template kept from before keeps its version.
func TestHotReloadWrite(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "hello.html", "Hello, {{ name }}!")
	eng := reloadEngine(t, dir)
	old, err := eng.Template("hello.html")
	if err != nil {
		t.Fatal(err)
	}
	mustRender(t, eng, "hello.html", "Hello, Ann!")
	reloadWrite(t, dir, "hello.html", "Bye, {{ name }}!")
	waitOutput(t, eng, "hello.html", "Bye, Ann!")
	if out, err := old.RenderString(context.Background(), map[string]any{"name": "Bo"}); err != nil || out != "Hello, Bo!" {
		t.Errorf("the *Template from before the edit renders %q, %v; want its own version", out, err)
	}
}

// TestHotReloadDependents checks that a page sees the edits of the
// templates it includes, extends and imports.
func TestHotReloadDependents(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "base.html", "<main>{% block main %}{% endblock %}</main>")
	reloadWrite(t, dir, "macros.html", `{% macro greet(n) export %}hi {{ n }}{% endmacro %}`)
	reloadWrite(t, dir, "pages/part.html", "part1")
	reloadWrite(t, dir, "pages/page.html", `{% extends "../base.html" %}{% block main %}{% import "macros.html" greet %}{% include "./part.html" %} {{ greet(name) }}{% endblock %}`)
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "pages/page.html", "<main>part1 hi Ann</main>")

	reloadWrite(t, dir, "pages/part.html", "part2")
	waitOutput(t, eng, "pages/page.html", "<main>part2 hi Ann</main>")
	reloadWrite(t, dir, "base.html", "<body>{% block main %}{% endblock %}</body>")
	waitOutput(t, eng, "pages/page.html", "<body>part2 hi Ann</body>")
	reloadWrite(t, dir, "macros.html", `{% macro greet(n) export %}hello {{ n }}{% endmacro %}`)
	waitOutput(t, eng, "pages/page.html", "<body>part2 hello Ann</body>")
}

// TestHotReloadAtomicSave checks an editor's save through a temporary
// file renamed over the template.
func TestHotReloadAtomicSave(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "a.html", "v1")
	reloadWrite(t, dir, "page.html", `[{% include "a.html" %}]`)
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "page.html", "[v1]")
	for i := 2; i <= 4; i++ {
		tmp := filepath.Join(dir, fmt.Sprintf(".a.html.%d.tmp", i))
		if err := os.WriteFile(tmp, []byte(fmt.Sprintf("v%d", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, "a.html")); err != nil {
			t.Fatal(err)
		}
		waitOutput(t, eng, "page.html", fmt.Sprintf("[v%d]", i))
		mustRender(t, eng, "a.html", fmt.Sprintf("v%d", i))
	}
}

// TestHotReloadDelete checks that a deleted template is not found, in
// itself and in what includes it, and that re-creating it brings it back.
func TestHotReloadDelete(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "a.html", "v1")
	reloadWrite(t, dir, "page.html", `[{% include "a.html" %}]`)
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "page.html", "[v1]")
	if err := os.Remove(filepath.Join(dir, "a.html")); err != nil {
		t.Fatal(err)
	}
	notFound := func(_ string, err error) bool { return errors.Is(err, fs.ErrNotExist) }
	waitFor(t, eng, "a.html", "not found", notFound)
	waitFor(t, eng, "page.html", "not found", notFound)
	reloadWrite(t, dir, "a.html", "v2")
	waitOutput(t, eng, "page.html", "[v2]")

	// Replaced by a directory: an error, not a crash; then a file again.
	if err := os.Remove(filepath.Join(dir, "a.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "a.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, eng, "a.html", "an error", func(_ string, err error) bool { return err != nil })
	if err := os.Remove(filepath.Join(dir, "a.html")); err != nil {
		t.Fatal(err)
	}
	reloadWrite(t, dir, "a.html", "v3")
	waitOutput(t, eng, "page.html", "[v3]")
}

// TestHotReloadSyntaxError checks that a syntax error after an edit is the
// positioned error of the template and its dependents until it is fixed.
func TestHotReloadSyntaxError(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "part.html", "ok")
	reloadWrite(t, dir, "page.html", "line 1\n[{% include \"part.html\" %}]")
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "page.html", "line 1\n[ok]")

	reloadWrite(t, dir, "part.html", "fine\n{% if name %}unclosed")
	atPart := func(_ string, err error) bool {
		var e *braid.Error
		return errors.As(err, &e) && e.Template == "part.html" && e.Line > 0
	}
	waitFor(t, eng, "part.html", "a syntax error in part.html", atPart)
	waitFor(t, eng, "page.html", "the syntax error of part.html", atPart)
	_, err := render(eng, "page.html")
	t.Logf("page.html with a broken part.html: %v", err)

	reloadWrite(t, dir, "part.html", "fixed")
	waitOutput(t, eng, "page.html", "line 1\n[fixed]")

	// The page itself broken, then fixed.
	reloadWrite(t, dir, "page.html", "line 1\n{{ name|nosuchfilter }}")
	waitFor(t, eng, "page.html", "a positioned error at line 2", func(_ string, err error) bool {
		var e *braid.Error
		return errors.As(err, &e) && e.Template == "page.html" && e.Line == 2
	})
	reloadWrite(t, dir, "page.html", "line 1\n{{ name }}")
	waitOutput(t, eng, "page.html", "line 1\nAnn")

	// Truncated: half a file, then the rest.
	full := "{% if name %}yes {{ name }}{% endif %}"
	reloadWrite(t, dir, "page.html", full[:len(full)/2])
	reloadWrite(t, dir, "page.html", full)
	waitOutput(t, eng, "page.html", "yes Ann")
}

// TestHotReloadNewDirectory checks that directories created after the
// engine, and files in them, are watched.
func TestHotReloadNewDirectory(t *testing.T) {
	dir := t.TempDir()
	eng := reloadEngine(t, dir)
	if _, err := render(eng, "emails/deep/x.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("before it exists: %v", err)
	}
	reloadWrite(t, dir, "emails/deep/x.html", "x1")
	waitOutput(t, eng, "emails/deep/x.html", "x1")
	reloadWrite(t, dir, "emails/deep/x.html", "x2") // the new directory is watched
	waitOutput(t, eng, "emails/deep/x.html", "x2")
	reloadWrite(t, dir, "emails/deep/y.html", `{% include "./x.html" %}!`)
	waitOutput(t, eng, "emails/deep/y.html", "x2!")
}

// TestHotReloadConcurrent renders from many goroutines while templates
// are rewritten, renamed over and deleted: every render gets a whole
// version or an error, never a crash or a race, and the last version wins.
func TestHotReloadConcurrent(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "base.html", "<{% block b %}{% endblock %}>")
	reloadWrite(t, dir, "part.html", "p0")
	reloadWrite(t, dir, "page.html", `{% extends "base.html" %}{% block b %}{% include "part.html" %}{% endblock %}`)
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "page.html", "<p0>")

	stop := make(chan struct{})
	var renders atomic.Int64
	var mu sync.Mutex
	seen := map[string]int{} // outputs and errors, for the log
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				// A file read while it is being written (truncated, half
				// written) renders what it has, or fails to compile; the
				// write's own event reloads it.
				out, err := render(eng, "page.html")
				renders.Add(1)
				key := "output " + strconv.Quote(out)
				if err != nil {
					key = "error " + err.Error()
					if strings.Contains(err.Error(), "panic") {
						t.Errorf("render: %v", err)
					}
				}
				mu.Lock()
				if len(seen) < 1000 {
					seen[key]++
				}
				mu.Unlock()
			}
		})
	}
	for i := 1; i <= 60; i++ {
		switch i % 4 {
		case 0: // atomic save
			tmp := filepath.Join(dir, "part.html.tmp")
			reloadWrite(t, dir, "part.html.tmp", fmt.Sprintf("p%d", i))
			if err := os.Rename(tmp, filepath.Join(dir, "part.html")); err != nil {
				t.Fatal(err)
			}
		case 1:
			reloadWrite(t, dir, "part.html", fmt.Sprintf("p%d", i))
		case 2:
			os.Remove(filepath.Join(dir, "part.html"))
		case 3:
			reloadWrite(t, dir, "base.html", []string{"<{% block b %}{% endblock %}>", "[{% block b %}{% endblock %}]"}[i/4%2])
		}
		time.Sleep(time.Duration(i%7) * time.Millisecond)
	}
	reloadWrite(t, dir, "base.html", "<{% block b %}{% endblock %}>")
	reloadWrite(t, dir, "part.html", "pLast")
	waitOutput(t, eng, "page.html", "<pLast>")
	close(stop)
	wg.Wait()
	t.Logf("%d renders during the reloads; %d different results:", renders.Load(), len(seen))
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		t.Logf("%6d × %s", seen[k], k)
	}
}

// TestHotReloadNotWatchable checks that an embedded or in-memory source
// is served, with a warning that it is not watched.
func TestHotReloadNotWatchable(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	defer goleak.VerifyNone(t, ignore)
	logs := &reloadLog{}
	eng := braid.New(braid.WithFS(fstest.MapFS{"a.html": {Data: []byte("a")}}), braid.WithHotReload(true),
		braid.WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	mustRender(t, eng, "a.html", "a")
	if err := eng.Close(); err != nil {
		t.Error(err)
	}
	if !strings.Contains(logs.String(), "not watched") {
		t.Errorf("no warning in %q", logs)
	}
}

// TestHotReloadDirFS checks that an os.DirFS source is watched too.
func TestHotReloadDirFS(t *testing.T) {
	dir := t.TempDir()
	reloadWrite(t, dir, "a.html", "v1")
	ignore := goleak.IgnoreCurrent()
	defer goleak.VerifyNone(t, ignore)
	eng := braid.New(braid.WithFS(os.DirFS(dir)), braid.WithHotReload(true))
	defer eng.Close()
	mustRender(t, eng, "a.html", "v1")
	reloadWrite(t, dir, "a.html", "v2")
	waitOutput(t, eng, "a.html", "v2")
}

// TestHotReloadBadNames checks that names and links out of the root fail
// with an error that names the template, with or without hot reload.
func TestHotReloadBadNames(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	reloadWrite(t, outside, "secret.html", "SECRET")
	reloadWrite(t, dir, "rel.html", `{% include "../secret.html" %}`)
	reloadWrite(t, dir, "sub/rel.html", `{% include "../../secret.html" %}`)
	if err := os.Symlink(filepath.Join(outside, "secret.html"), filepath.Join(dir, "link.html")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	for _, hot := range []bool{false, true} {
		eng := reloadEngine(t, dir, braid.WithHotReload(hot))
		for _, name := range []string{"../secret.html", "/etc/passwd", "a/../../b", `..\x`, "x\x00y", "link.html", "rel.html", "sub/rel.html", "bad\xff"} {
			out, err := render(eng, name)
			if err == nil || strings.Contains(out, "SECRET") {
				t.Errorf("hot=%v %q: %q, %v; want an error", hot, name, out, err)
				continue
			}
			t.Logf("hot=%v %q: %v", hot, name, err)
		}
	}
}

// TestDirFSConfined checks that a WithFS(os.DirFS(dir)) source is confined
// to dir as WithDir's is, with or without hot reload: a symbolic link out
// of it fails with an error naming the template, while one inside it, and
// an include through it, work.
func TestDirFSConfined(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	reloadWrite(t, outside, "secret.html", "SECRET")
	reloadWrite(t, dir, "ok.html", "ok")
	reloadWrite(t, dir, "page.html", `[{% include "inside.html" %}]`)
	reloadWrite(t, dir, "leak.html", `[{% include "link.html" %}]`)
	if err := os.Symlink(filepath.Join(outside, "secret.html"), filepath.Join(dir, "link.html")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if err := os.Symlink("ok.html", filepath.Join(dir, "inside.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out")); err != nil {
		t.Fatal(err)
	}
	for _, hot := range []bool{false, true} {
		ignore := goleak.IgnoreCurrent()
		eng := braid.New(braid.WithFS(os.DirFS(dir)), braid.WithHotReload(hot))
		for _, name := range []string{"link.html", "out/secret.html", "leak.html"} {
			out, err := render(eng, name)
			switch {
			case err == nil || strings.Contains(out, "SECRET"):
				t.Errorf("hot=%v %s: %q, %v; want an error", hot, name, out, err)
			case !strings.Contains(err.Error(), `"link.html"`) && !strings.Contains(err.Error(), `"out/secret.html"`):
				t.Errorf("hot=%v %s: the error does not name the template: %v", hot, name, err)
			case !errors.Is(err, loader.ErrOutsideRoot):
				t.Errorf("hot=%v %s: %v, want loader.ErrOutsideRoot", hot, name, err)
			default:
				t.Logf("hot=%v %s: %v", hot, name, err)
			}
		}
		for name, want := range map[string]string{"inside.html": "ok", "page.html": "[ok]"} {
			if out, err := render(eng, name); err != nil || out != want {
				t.Errorf("hot=%v %s: %q, %v; want %q", hot, name, out, err, want)
			}
		}
		if err := eng.Close(); err != nil {
			t.Error(err)
		}
		goleak.VerifyNone(t, ignore)
	}
}

// openCounter counts the files opened through it.
type openCounter struct {
	fs.FS
	opens atomic.Int64
}

func (c *openCounter) Open(name string) (fs.File, error) {
	c.opens.Add(1)
	return c.FS.Open(name)
}

// TestNoReloadNoFSCalls checks that without hot reload there is no
// watcher and renders of cached templates make no file-system call, even
// for a missing template that an include skips.
func TestNoReloadNoFSCalls(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	src := &openCounter{FS: fstest.MapFS{
		"base.html":       {Data: []byte("<{% block b %}{% endblock %}>")},
		"pages/part.html": {Data: []byte("part")},
		"pages/page.html": {Data: []byte(`{% extends "../base.html" %}{% block b %}{% include "./part.html" %}{% include "nope.html" if_exists %}{% endblock %}`)},
	}}
	eng := braid.New(braid.WithFS(src))
	defer eng.Close()
	mustRender(t, eng, "pages/page.html", "<part>")
	n := src.opens.Load()
	for range 100 {
		mustRender(t, eng, "pages/page.html", "<part>")
	}
	if m := src.opens.Load(); m != n {
		t.Errorf("%d files opened by 100 renders of cached templates", m-n)
	}
}

// TestReloadLatency checks that each of 20 writes in a row is seen, and
// logs the time from a write to the first render of the new content
// (debounce: 50 ms). The times are a report, not a requirement: a busy
// machine makes them long; only a write never seen fails the test.
func TestReloadLatency(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	reloadWrite(t, dir, "a.html", "v0")
	eng := reloadEngine(t, dir)
	mustRender(t, eng, "a.html", "v0")
	var lat []time.Duration
	for i := 1; i <= 20; i++ {
		want := fmt.Sprintf("v%d", i)
		start := time.Now()
		reloadWrite(t, dir, "a.html", want)
		waitFor(t, eng, "a.html", want, func(out string, err error) bool { return err == nil && out == want })
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	t.Logf("reload latency, write to first render of the new content: min %v, median %v, p90 %v, max %v (n=%d)",
		lat[0], lat[len(lat)/2], lat[len(lat)*9/10], lat[len(lat)-1], len(lat))
}

// BenchmarkEngineTemplate is Engine.Template for a cached template: one
// allocation, the *Template wrapper (the loader's lookup itself allocates
// nothing: see loader.BenchmarkCachedTemplate).
func BenchmarkEngineTemplate(b *testing.B) {
	eng := braid.New(braid.WithFS(fstest.MapFS{"a.html": {Data: []byte("Hello, {{ name }}!")}}))
	defer eng.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := eng.Template("a.html"); err != nil {
			b.Fatal(err)
		}
	}
}
