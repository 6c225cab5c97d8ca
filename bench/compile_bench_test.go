package bench

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/flosch/pongo2/v6"
)

// BenchmarkCompile measures parse+compile, braid against pongo2:
//
//   - complex: the complex page's five templates loaded from scratch (a new
//     engine or set each time; page.html extends base.html, which includes
//     the other three), through each engine's usual loading entry point;
//
//   - 1MiB: one template of 1 MiB, the complex page's article loop
//     repeated, compiled from a string.
//
//     cd bench && go test -run '^$' -bench Compile -benchmem -count 6 .
func BenchmarkCompile(b *testing.B) {
	b.Run("complex/braid", func(b *testing.B) {
		fsys := pageFS("braid", Complex)
		b.SetBytes(sourceSize(b, fsys))
		b.ReportAllocs()
		for b.Loop() {
			eng := braid.New(braid.WithFS(fsys))
			for _, name := range []string{"page.html", "base.html", "header.html", "sidebar.html", "footer.html"} {
				if _, err := eng.Template(name); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("complex/pongo2", func(b *testing.B) {
		fsys := pageFS("pongo2", Complex)
		b.SetBytes(sourceSize(b, fsys))
		b.ReportAllocs()
		for b.Loop() {
			set := pongo2.NewSet("compile", pongo2.NewFSLoader(fsys))
			if _, err := set.FromFile("page.html"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("1MiB/braid", func(b *testing.B) {
		src := largeSource(b, "braid", 1<<20)
		eng := braid.New()
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eng.FromString(src); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("1MiB/pongo2", func(b *testing.B) {
		src := largeSource(b, "pongo2", 1<<20)
		set := pongo2.NewSet("compile", pongo2.NewFSLoader(pageFS("pongo2", Complex)))
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := set.FromString(src); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCompileSources checks that the sources BenchmarkCompile compiles
// compile in both engines and are what they claim to be.
func TestCompileSources(t *testing.T) {
	for _, family := range []string{"braid", "pongo2"} {
		src := largeSource(t, family, 1<<20)
		if len(src) < 1<<20 || strings.Count(src, "{% for a in articles %}") < 1000 {
			t.Fatalf("%s: %d bytes, %d loops", family, len(src), strings.Count(src, "{% for"))
		}
	}
	if _, err := braid.New().FromString(largeSource(t, "braid", 1<<20)); err != nil {
		t.Fatal(err)
	}
	if _, err := pongo2.FromString(largeSource(t, "pongo2", 1<<20)); err != nil {
		t.Fatal(err)
	}
}

// sourceSize is the total size of the templates in fsys.
func sourceSize(tb testing.TB, fsys fs.FS) int64 {
	var n int64
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// largeSource is the article loop of family's complex page (the body of
// its main block) repeated to at least size bytes.
func largeSource(tb testing.TB, family string, size int) string {
	page, err := fs.ReadFile(pageFS(family, Complex), "page.html")
	if err != nil {
		tb.Fatal(err)
	}
	s := string(page)
	i := strings.Index(s, "{% block main %}")
	j := strings.LastIndex(s, "{% endblock %}")
	if i < 0 || j < i {
		tb.Fatalf("%s: no main block", family)
	}
	body := s[i+len("{% block main %}") : j]
	return strings.Repeat(body, size/len(body)+1)
}
