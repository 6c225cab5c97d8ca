package loader_test

import (
	"fmt"
	"io/fs"
	"path"
	"testing/fstest"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/loader"
)

func ExampleWithResolver() {
	// pongo2's names: relative to the including template's directory.
	files := fstest.MapFS{
		"mail/welcome.txt": {Data: []byte(`Hi {% include "footer.txt" %}`)},
		"mail/footer.txt":  {Data: []byte(`-- us`)},
	}
	l := loader.New([]fs.FS{files}, func(name, src string) (*compiler.Result, error) {
		return loader.Compile(name, src, compiler.Options{})
	}, loader.WithResolver(func(name, from string) (string, error) { return path.Join(path.Dir(from), name), nil }))
	resolved, src, err := l.Source("footer.txt", "mail/welcome.txt")
	fmt.Println(resolved, src, err)
	// Output:
	// mail/footer.txt -- us <nil>
}
