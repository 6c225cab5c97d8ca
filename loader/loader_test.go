package loader_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/loader"
)

func opts() compiler.Options { return compiler.Options{Filters: filters.Builtins()} }

// TestSearchOrder checks that sources are searched in order.
func TestSearchOrder(t *testing.T) {
	first := fstest.MapFS{"a.html": {Data: []byte("first a")}}
	second := fstest.MapFS{"a.html": {Data: []byte("second a")}, "b.html": {Data: []byte("second b")}}
	l := loader.New([]fs.FS{first, second}, func(name, src string) (*compiler.Result, error) {
		return loader.Compile(name, src, opts())
	})
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
		return loader.Compile(name, src, opts())
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

// TestBadNames checks that names that could leave a source are refused.
func TestBadNames(t *testing.T) {
	for _, name := range []string{"", "../secret", "/etc/passwd", "a/../../b", `..\x`, "x\x00y", "a//b", "./a"} {
		if err := loader.CheckName(name); err == nil {
			t.Errorf("CheckName(%q) = nil, want an error", name)
		}
	}
	for _, name := range []string{"a.html", "dir/b.html", "ü.html"} {
		if err := loader.CheckName(name); err != nil {
			t.Errorf("CheckName(%q) = %v", name, err)
		}
	}
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
