package bench

import (
	"io/fs"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/parser"
)

func BenchmarkTmpBreak(b *testing.B) {
	fsys := pageFS("braid", Complex)
	names := []string{"page.html", "base.html", "header.html", "sidebar.html", "footer.html"}
	var srcs []string
	for _, n := range names {
		d, _ := fs.ReadFile(fsys, n)
		srcs = append(srcs, string(d))
	}
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			braid.New(braid.WithFS(fsys))
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, s := range srcs {
				parser.Parse(names[i], s)
			}
		}
	})
	var trees []*parser.Template
	for i, s := range srcs {
		t, _ := parser.Parse(names[i], s)
		trees = append(trees, t)
	}
	opts := compiler.Options{Filters: filters.Builtins()}
	b.Run("compile", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, t := range trees {
				compiler.Compile(t, srcs[i], opts)
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, n := range names {
				fs.ReadFile(fsys, n)
			}
		}
	})
}
