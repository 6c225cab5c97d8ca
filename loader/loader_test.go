package loader_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"go.uber.org/goleak"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/loader"
)

// TestMain checks that no test leaves a goroutine behind: a watcher's
// goroutine must end with Close.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func opts() compiler.Options { return compiler.Options{Filters: filters.Builtins()} }

func compile(name, src string) (*compiler.Result, error) { return loader.Compile(name, src, opts()) }

// TestSearchOrder checks that sources are searched in order.
func TestSearchOrder(t *testing.T) {
	first := fstest.MapFS{"a.html": {Data: []byte("first a")}}
	second := fstest.MapFS{"a.html": {Data: []byte("second a")}, "b.html": {Data: []byte("second b")}}
	l := loader.New([]fs.FS{first, second}, compile)
	for name, want := range map[string]string{"a.html": "first a", "b.html": "second b"} {
		res, err := l.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Program.Source; got != want {
			t.Errorf("%s: source %q, want %q", name, got, want)
		}
	}
	_, err := l.Get("c.html")
	var nf *loader.NotFoundError
	if !errors.As(err, &nf) || !errors.Is(err, fs.ErrNotExist) || nf.Name != "c.html" {
		t.Errorf("missing template: err = %v", err)
	}
}

// TestCompileOnce checks that concurrent first requests compile once and
// later ones hit the cache.
func TestCompileOnce(t *testing.T) {
	var compiles atomic.Int32
	l := loader.New([]fs.FS{fstest.MapFS{"a.html": {Data: []byte("{{ x }}")}}}, func(name, src string) (*compiler.Result, error) {
		compiles.Add(1)
		return compile(name, src)
	})
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if _, err := l.Load(context.Background(), "a.html", ""); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := compiles.Load(); n != 1 {
		t.Errorf("compiled %d times, want 1", n)
	}
}

// TestBadNames checks that names that could leave a source are refused,
// with an error that names the template.
func TestBadNames(t *testing.T) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"a.html": "a"})}, compile)
	for _, name := range []string{"", ".", "../secret", "/etc/passwd", "a/../../b", `..\x`, `a\b.html`, "x\x00y", "a//b", "./a", "a/", "bad\xff.html"} {
		err := loader.CheckName(name)
		var ne *loader.NameError
		if !errors.As(err, &ne) || ne.Name != name || !strings.Contains(err.Error(), fmt.Sprintf("%q", name)) {
			t.Errorf("CheckName(%q) = %v, want a *NameError naming it", name, err)
		}
		if _, err := l.Get(name); !errors.As(err, &ne) {
			t.Errorf("Get(%q) = %v, want a *NameError", name, err)
		}
	}
	for _, name := range []string{"a.html", "dir/b.html", "ü.html", ".hidden", "a..b"} {
		if err := loader.CheckName(name); err != nil {
			t.Errorf("CheckName(%q) = %v", name, err)
		}
	}
}

// TestResolve checks Django's relative names: "./" and "../" are relative
// to the directory of the template that asks, and never above the root.
func TestResolve(t *testing.T) {
	for _, c := range []struct{ name, from, want string }{
		{"./x.html", "a/b.html", "a/x.html"},
		{"../base.html", "a/b.html", "base.html"},
		{"./x.html", "b.html", "x.html"},
		{"../c/d.html", "a/b/e.html", "a/c/d.html"},
		{"./sub/../x.html", "a/b.html", "a/x.html"},
		{"x.html", "a/b.html", "x.html"}, // not relative: from the root
		{"./x.html", "string#3", "x.html"},
	} {
		got, err := loader.Resolve(c.name, c.from)
		if err != nil || got != c.want {
			t.Errorf("Resolve(%q, %q) = %q, %v; want %q", c.name, c.from, got, err, c.want)
		}
	}
	for _, c := range []struct{ name, from string }{
		{"../x.html", "b.html"},
		{"../../x.html", "a/b.html"},
		{"./../../x.html", "a/b.html"},
		{"..", "a/b.html"},
		{"./", "a.html"},
		{"../", "a/b.html"},
		{`./x\y.html`, "a.html"},
		{"./x\x00.html", "a.html"},
		{"/etc/passwd", "a.html"},
	} {
		got, err := loader.Resolve(c.name, c.from)
		var ne *loader.NameError
		if !errors.As(err, &ne) || !strings.Contains(err.Error(), fmt.Sprintf("%q", c.name)) {
			t.Errorf("Resolve(%q, %q) = %q, %v; want a *NameError naming it", c.name, c.from, got, err)
		}
	}
}

// TestLoadRelative checks that Load resolves relative names against from.
func TestLoadRelative(t *testing.T) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{
		"base.html":          "base",
		"emails/footer.html": "footer",
	})}, compile)
	ctx := context.Background()
	for _, c := range [][3]string{
		{"./footer.html", "emails/welcome.html", "emails/footer.html"},
		{"../base.html", "emails/welcome.html", "base.html"},
		{"emails/footer.html", "base.html", "emails/footer.html"},
	} {
		for range 2 { // the second time from the resolution cache
			prog, err := l.Load(ctx, c[0], c[1])
			if err != nil || prog.Name != c[2] {
				t.Fatalf("Load(%q, %q) = %v, %v; want %s", c[0], c[1], prog, err, c[2])
			}
		}
	}
	if _, err := l.Load(ctx, "../../base.html", "emails/welcome.html"); err == nil || !strings.Contains(err.Error(), "above the root") {
		t.Errorf("../../base.html from emails/: err = %v", err)
	}
	if _, err := l.Load(ctx, "../base.html", "base.html"); err == nil {
		t.Error("../base.html from the root: no error")
	}
}

// TestDeps checks the dependency graph: static references with relative
// names resolved, dynamic ones left out, and the reverse edges.
func TestDeps(t *testing.T) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{
		"base.html":        "{% block body %}{% endblock %}",
		"macros.html":      "{% macro m() export %}m{% endmacro %}",
		"pages/page.html":  `{% extends "../base.html" %}{% import "macros.html" m %}{% block body %}{% include "./part.html" %}{% include "./part.html" %}{% include name %}{% endblock %}`,
		"pages/part.html":  `{% include "../macros.html" %}`,
		"pages/other.html": `{% include "./part.html" %}`,
	})}, compile)
	deps, err := l.Deps("pages/page.html")
	if want := []string{"base.html", "macros.html", "pages/part.html"}; err != nil || !slices.Equal(deps, want) {
		t.Errorf("Deps(page) = %v, %v; want %v", deps, err, want)
	}
	if got := l.Dependents("pages/part.html"); !slices.Equal(got, []string{"pages/page.html"}) {
		t.Errorf("Dependents(part) = %v", got)
	}
	if _, err := l.Get("pages/other.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Get("pages/part.html"); err != nil {
		t.Fatal(err)
	}
	if got := l.Dependents("pages/part.html"); !slices.Equal(got, []string{"pages/other.html", "pages/page.html"}) {
		t.Errorf("Dependents(part) = %v", got)
	}
	if got := l.Dependents("macros.html"); !slices.Equal(got, []string{"pages/page.html", "pages/part.html"}) {
		t.Errorf("Dependents(macros) = %v", got)
	}
	if _, err := l.Deps("missing.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Deps(missing) err = %v", err)
	}

	// macros.html is not loaded, but what refers to it is dropped, and
	// what refers to them.
	got := l.Invalidate("macros.html")
	if want := []string{"pages/other.html", "pages/page.html", "pages/part.html"}; !slices.Equal(got, want) {
		t.Errorf("Invalidate(macros) dropped %v, want %v", got, want)
	}
	for _, n := range []string{"macros.html", "pages/part.html", "base.html"} {
		if d := l.Dependents(n); len(d) != 0 {
			t.Errorf("after the invalidation, Dependents(%s) = %v", n, d)
		}
	}
}

// TestInvalidate checks that an invalidated template and its dependents
// are compiled again, and nothing else.
func TestInvalidate(t *testing.T) {
	src := loader.MapSource(map[string]string{
		"a.html":     `{% include "b.html" %}`,
		"b.html":     `{% include "c.html" %}`,
		"c.html":     `c`,
		"d.html":     `d`,
		"dir/x.html": `x`,
		"dir/y.html": `{% include "d.html" %}`,
	})
	compiled := map[string]int{}
	var mu sync.Mutex
	l := loader.New([]fs.FS{src}, func(name, s string) (*compiler.Result, error) {
		mu.Lock()
		compiled[name]++
		mu.Unlock()
		return compile(name, s)
	})
	all := []string{"a.html", "b.html", "c.html", "d.html", "dir/x.html", "dir/y.html", "missing.html"}
	getAll := func() {
		for _, n := range all {
			l.Get(n)
		}
	}
	getAll()
	getAll()
	if got := l.Invalidate("c.html"); !slices.Equal(got, []string{"a.html", "b.html", "c.html"}) {
		t.Errorf("Invalidate(c) = %v", got)
	}
	getAll()
	want := map[string]int{"a.html": 2, "b.html": 2, "c.html": 2, "d.html": 1, "dir/x.html": 1, "dir/y.html": 1}
	if !mapsEqual(compiled, want) {
		t.Errorf("compiles %v, want %v", compiled, want)
	}
	// A directory drops everything under it; a missing template's cached
	// error is dropped too.
	if got := l.Invalidate("dir", "missing.html"); !slices.Equal(got, []string{"dir/x.html", "dir/y.html", "missing.html"}) {
		t.Errorf("Invalidate(dir) = %v", got)
	}
	l.InvalidateAll()
	getAll()
	want = map[string]int{"a.html": 3, "b.html": 3, "c.html": 3, "d.html": 2, "dir/x.html": 2, "dir/y.html": 2}
	if !mapsEqual(compiled, want) {
		t.Errorf("compiles %v, want %v", compiled, want)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestStaleCompile checks a compile that an invalidation overtakes: its
// result goes to whoever asked before, but is not cached, and a request
// after the invalidation does not wait for it.
func TestStaleCompile(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	var compiles atomic.Int32
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"a.html": "a"})}, func(name, src string) (*compiler.Result, error) {
		if compiles.Add(1) == 1 {
			close(started)
			<-release
		}
		return compile(name, src)
	})
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, err := l.Get("a.html"); err != nil {
			t.Error(err)
		}
	})
	<-started
	if got := l.Invalidate("a.html"); !slices.Equal(got, []string{"a.html"}) {
		t.Errorf("Invalidate during the compile = %v", got)
	}
	// Does not wait for the first compile, which is blocked.
	if _, err := l.Get("a.html"); err != nil {
		t.Fatal(err)
	}
	close(release)
	wg.Wait()
	if _, err := l.Get("a.html"); err != nil {
		t.Fatal(err)
	}
	if n := compiles.Load(); n != 2 {
		t.Errorf("compiled %d times, want 2", n)
	}
}

// countFS counts the file-system calls made through it.
type countFS struct {
	fs.FS
	calls atomic.Int32
}

func (c *countFS) Open(name string) (fs.File, error) { c.calls.Add(1); return c.FS.Open(name) }

// TestNoFSCallWhenCached checks that a cached template, or a cached
// error, costs no file-system call and no allocation.
func TestNoFSCallWhenCached(t *testing.T) {
	cfs := &countFS{FS: loader.MapSource(map[string]string{"a.html": `{% include "./b.html" %}`, "b.html": "b"})}
	l := loader.New([]fs.FS{cfs}, compile)
	ctx := context.Background()
	for range 3 {
		l.Get("a.html")
		l.Load(ctx, "./b.html", "a.html")
		l.Get("missing.html")
	}
	n := cfs.calls.Load()
	for range 100 {
		l.Get("a.html")
		l.Load(ctx, "./b.html", "a.html")
		l.Get("missing.html")
	}
	if m := cfs.calls.Load(); m != n {
		t.Errorf("%d file-system calls for cached templates", m-n)
	}
	if a := testing.AllocsPerRun(100, func() { l.Get("a.html") }); a != 0 {
		t.Errorf("Get of a cached template: %v allocations", a)
	}
	if a := testing.AllocsPerRun(100, func() { l.Load(ctx, "./b.html", "a.html") }); a != 0 {
		t.Errorf("Load of a cached relative name: %v allocations", a)
	}
}

// TestCompilePanic checks that a compile that panics is an error.
func TestCompilePanic(t *testing.T) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"a.html": "a"})}, func(string, string) (*compiler.Result, error) {
		panic("boom")
	})
	if _, err := l.Get("a.html"); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v", err)
	}
}

// TestDirConfined checks that a directory source, opened now (OpenDir,
// WithDir) or on each read (ConfinedDir, WithFS(os.DirFS)), cannot be left
// through a symbolic link, that a link inside it works, and that odd files
// are errors, not crashes.
func TestDirConfined(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "secret.html"), "SECRET")
	write(t, filepath.Join(root, "ok.html"), "ok")
	for link, target := range map[string]string{
		"link.html":   filepath.Join(outside, "secret.html"),
		"rel.html":    filepath.Join("..", filepath.Base(outside), "secret.html"),
		"out":         outside,
		"inside.html": "ok.html",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "dir.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	opened, err := loader.OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []*loader.DirSource{opened, loader.ConfinedDir(root)} {
		t.Run(fmt.Sprintf("%T", src.FS), func(t *testing.T) {
			l := loader.New([]fs.FS{src}, compile)
			for _, name := range []string{"link.html", "rel.html", "out/secret.html", "dir.html"} {
				res, err := l.Get(name)
				switch {
				case err == nil:
					t.Errorf("%s: read %q, want an error", name, res.Program.Source)
				case !strings.Contains(err.Error(), fmt.Sprintf("%q", name)):
					t.Errorf("%s: the error does not name the template: %v", name, err)
				case name != "dir.html" && !errors.Is(err, loader.ErrOutsideRoot):
					t.Errorf("%s: %v, want ErrOutsideRoot", name, err)
				default:
					t.Logf("%s: %v", name, err)
				}
			}
			if res, err := l.Get("inside.html"); err != nil || res.Program.Source != "ok" {
				t.Errorf("a link inside the root: %v", err)
			}
			if _, err := l.Load(context.Background(), "../"+filepath.Base(outside)+"/secret.html", "ok.html"); err == nil {
				t.Error("a relative name out of the root: no error")
			}
		})
	}
}

// TestConfinedDirLater checks that ConfinedDir, like os.DirFS, looks its
// directory up on each read: it need not exist when the source is made.
func TestConfinedDirLater(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "later")
	src := loader.ConfinedDir(dir)
	var nf *loader.NotFoundError
	if _, err := loader.New([]fs.FS{src}, compile).Get("a.html"); !errors.As(err, &nf) {
		t.Fatalf("before the directory exists: %v, want a NotFoundError", err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "a.html"), "a")
	if res, err := loader.New([]fs.FS{src}, compile).Get("a.html"); err != nil || res.Program.Source != "a" {
		t.Fatalf("after: %v", err)
	}
}

func write(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkCachedTemplate(b *testing.B) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"page.html": "Hello, {{ name }}!"})}, compile)
	if _, err := l.Get("page.html"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Get("page.html"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCachedTemplateParallel(b *testing.B) {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{"page.html": "Hello, {{ name }}!"})}, compile)
	if _, err := l.Get("page.html"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Get("page.html")
		}
	})
}

func ExampleNew() {
	sources := []fs.FS{fstest.MapFS{"hello.html": {Data: []byte("Hello, {{ name }}!")}}}
	l := loader.New(sources, func(name, src string) (*compiler.Result, error) {
		return loader.Compile(name, src, compiler.Options{Filters: filters.Builtins()})
	})
	res, err := l.Get("hello.html")
	fmt.Println(res.Program.Name, res.Facts.Variables, err)
	// Output:
	// hello.html [name] <nil>
}

// A compile function that takes a context, and a bound on the size of a
// source: the loader reads no template past it.
func ExampleWithCompileContext() {
	opts := compiler.Options{Filters: filters.Builtins()}
	l := loader.New([]fs.FS{fstest.MapFS{
		"page.html": {Data: []byte("{{ title }}")},
		"huge.html": {Data: []byte(strings.Repeat("x", 100))},
	}}, nil,
		loader.WithMaxSourceSize(64),
		loader.WithCompileContext(func(ctx context.Context, name, src string) (*compiler.Result, error) {
			return loader.CompileContext(ctx, name, src, opts)
		}))
	_, err := l.Get("huge.html")
	fmt.Println(err)
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = l.GetContext(canceled, "page.html")
	fmt.Println(err)
	res, err := l.GetContext(context.Background(), "page.html") // not cached: compiled now
	fmt.Println(res.Program.Name, err)
	// Output:
	// huge.html:1:1: the template is 100 bytes, longer than 64 (braid.WithMaxSourceSize)
	// compiling template "page.html": context canceled
	// page.html <nil>
}

func ExampleLoader_Deps() {
	l := loader.New([]fs.FS{loader.MapSource(map[string]string{
		"base.html":        "<main>{% block main %}{% endblock %}</main>",
		"blog/post.html":   `{% extends "../base.html" %}{% block main %}{% include "./byline.html" %}{% endblock %}`,
		"blog/byline.html": "by {{ author }}",
	})}, compile)
	deps, err := l.Deps("blog/post.html")
	fmt.Println(deps, err)
	fmt.Println(l.Dependents("base.html"))
	// Output:
	// [base.html blog/byline.html] <nil>
	// [blog/post.html]
}

// TestSourceThenGet checks that a template whose source Source read is
// compiled from what it read, without reading it again, unless an
// invalidation came between; and that Source itself reads every time.
func TestSourceThenGet(t *testing.T) {
	files := fstest.MapFS{"b.html": {Data: []byte("one")}}
	cfs := &countFS{FS: files}
	l := loader.New([]fs.FS{cfs}, compile)
	if _, src, err := l.Source("b.html", "a.html"); err != nil || src != "one" {
		t.Fatalf("Source: %q, %v", src, err)
	}
	n := cfs.calls.Load()
	if _, err := l.Get("b.html"); err != nil {
		t.Fatal(err)
	}
	if m := cfs.calls.Load(); m != n {
		t.Errorf("Get after Source: %d more file-system calls, want 0", m-n)
	}

	// A change: Source sees it, and an invalidation drops what it kept.
	files["b.html"] = &fstest.MapFile{Data: []byte("two")}
	if _, src, _ := l.Source("b.html", "a.html"); src != "two" {
		t.Errorf("Source after a change: %q, want two", src)
	}
	l.Invalidate("b.html")
	files["b.html"] = &fstest.MapFile{Data: []byte("three")}
	res, err := l.Get("b.html")
	if err != nil {
		t.Fatal(err)
	}
	if res.Program.Source != "three" {
		t.Errorf("Get after an invalidation compiled %q, want three", res.Program.Source)
	}
}
