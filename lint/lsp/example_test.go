package lsp_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/braidtpl/braid/lint"
	"github.com/braidtpl/braid/lint/lsp"
)

// frame writes messages as an editor sends them: each JSON body after a
// Content-Length header.
func frame(bodies ...string) io.Reader {
	var b strings.Builder
	for _, s := range bodies {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(s), s)
	}
	return strings.NewReader(b.String())
}

// bodies returns the JSON bodies of framed messages.
func bodies(s string) []string {
	var out []string
	r := bufio.NewReader(strings.NewReader(s))
	for {
		var n int
		if _, err := fmt.Fscanf(r, "Content-Length: %d\r\n\r\n", &n); err != nil {
			return out
		}
		b := make([]byte, n)
		io.ReadFull(r, b)
		out = append(out, string(b))
	}
}

func ExampleNewServer() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "base.html"), []byte("{% block content %}{% endblock %}"), 0o644)

	// The application's own tags and filters, as tplcheck.json declares them.
	cfg := lint.Config{Filters: lint.Filters{"money": {}}}
	_, err := lsp.NewServer(dir, cfg)
	fmt.Println(err)
	_, err = lsp.NewServer(filepath.Join(dir, "base.html"), cfg)
	fmt.Println(err != nil)
	// Output:
	// <nil>
	// true
}

func ExampleServer_Serve() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "page.html"), []byte("{% include \"card.html\" %}"), 0o644)
	srv, _ := lsp.NewServer(dir, lint.Config{})

	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "page.html"))
	in := frame(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"`+uri+`"},"position":{"line":0,"character":4}}}`,
		`{"jsonrpc":"2.0","id":3,"method":"no/such/method"}`,
		`{"jsonrpc":"2.0","id":4,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	)
	var out strings.Builder
	err := srv.Serve(context.Background(), in, &out)
	fmt.Println("Serve:", err)
	for _, b := range bodies(out.String()) {
		switch {
		case strings.Contains(b, `"id":1`):
			fmt.Println("initialize:", strings.Contains(b, `"hoverProvider":true`))
		case strings.Contains(b, `"id":2`):
			fmt.Println("hover:", strings.Contains(b, "**include** (tag)"))
		default:
			fmt.Println(b)
		}
	}
	// Unordered output:
	// Serve: <nil>
	// initialize: true
	// hover: true
	// {"jsonrpc":"2.0","id":3,"error":{"code":-32601,"message":"method not found: no/such/method"}}
	// {"jsonrpc":"2.0","id":4,"result":null}
}
