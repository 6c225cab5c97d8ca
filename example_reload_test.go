package braid_test

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/braidtpl/braid"
)

//go:embed testdata/loader
var shopFiles embed.FS

// Templates embedded in the binary: fs.Sub makes their directory the
// root of template names. The page extends "./base.html", which includes
// "./partials/nav.html": names that start with "./" or "../" are relative
// to the template that has the tag, as in Django.
func ExampleWithFS_embed() {
	templates, err := fs.Sub(shopFiles, "testdata/loader")
	if err != nil {
		fmt.Println(err)
		return
	}
	eng := braid.New(braid.WithFS(templates))
	defer eng.Close()
	tpl, err := eng.Template("product.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	type link struct{ URL, Label string }
	err = tpl.Render(context.Background(), os.Stdout, map[string]any{
		"product": "Lamp",
		"menu":    []link{{"/", "Home"}, {"/cart", "Cart"}},
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// <title>Lamp · Shop</title>
	// <nav><a href="/">Home</a> | <a href="/cart">Cart</a></nav>
	//
	// <main><h1>Lamp</h1></main>
}

// With hot reload, an edit to a template file shows in the renders that
// start after it. Ask the engine for the template on every request: that
// is a map read until a file changes, while a *Template kept for long
// keeps the version it was compiled from.
func ExampleWithHotReload() {
	dir, err := os.MkdirTemp("", "braid-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hello.html")
	if err := os.WriteFile(path, []byte("Hello, {{ name }}!"), 0o644); err != nil {
		fmt.Println(err)
		return
	}

	eng := braid.New(braid.WithDir(dir), braid.WithHotReload(true))
	defer eng.Close() // stops the watcher

	render := func() string { // what a request handler does
		tpl, err := eng.Template("hello.html")
		if err != nil {
			return err.Error()
		}
		out, err := tpl.RenderString(context.Background(), map[string]any{"name": "Ann"})
		if err != nil {
			return err.Error()
		}
		return out
	}
	before := render()
	fmt.Println(before)

	if err := os.WriteFile(path, []byte("Goodbye, {{ name }}!"), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	// The watcher drops the old version about 50 ms after the write. (The
	// count of polls only keeps a broken watcher from hanging the example.)
	for polls := 0; render() == before && polls < 3000; polls++ {
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println(render())
	// Output:
	// Hello, Ann!
	// Goodbye, Ann!
}
