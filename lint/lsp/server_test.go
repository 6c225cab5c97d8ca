package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid/lint"
	"go.uber.org/goleak"
)

// liveness is how long a test waits for an answer before it gives up: a
// bound on a hang, not a measure of speed.
const liveness = 60 * time.Second

// client drives a server as an editor does, over pipes.
type client struct {
	t       testing.TB
	in      io.WriteCloser
	msgs    chan *message
	pending map[string]*message
	diags   []publishParams
	uris    map[string]bool         // every document diagnostics were published for
	last    map[string][]diagnostic // the last diagnostics of each document
	shown   []string                // the messages of window/showMessage
	next    int
	served  chan error
}

func writeTree(t testing.TB, files map[string]string) string {
	dir := t.TempDir()
	for n, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func startServer(t testing.TB, s *Server) *client {
	cr, cw := io.Pipe()
	sr, sw := io.Pipe()
	c := &client{t: t, in: cw, msgs: make(chan *message, 100), pending: map[string]*message{}, uris: map[string]bool{}, last: map[string][]diagnostic{}, served: make(chan error, 1)}
	go func() {
		err := s.Serve(context.Background(), cr, sw)
		sw.Close()
		cr.Close()
		c.served <- err
	}()
	go func() {
		defer close(c.msgs)
		r := bufio.NewReader(sr)
		for {
			b, err := readMessage(r)
			if err != nil {
				return
			}
			var m message
			if err := json.Unmarshal(b, &m); err != nil {
				panic(err)
			}
			c.msgs <- &m
		}
	}()
	return c
}

func (c *client) send(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.raw(string(b))
}

func (c *client) raw(body string) {
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// call sends a request and returns its id.
func (c *client) call(method string, params any) string {
	c.next++
	id := fmt.Sprint(c.next)
	c.send(map[string]any{"jsonrpc": "2.0", "id": c.next, "method": method, "params": params})
	return id
}

func (c *client) notify(method string, params any) {
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// receive takes one message, keeping responses and diagnostics.
func (c *client) receive() {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		if m.Method == "textDocument/publishDiagnostics" {
			var p publishParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			c.diags = append(c.diags, p)
			c.uris[p.URI] = true
			c.last[p.URI] = p.Diagnostics
			return
		}
		if m.Method == "window/showMessage" {
			var p struct{ Message string }
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			c.shown = append(c.shown, p.Message)
			return
		}
		c.pending[string(m.ID)] = m
	case <-time.After(liveness):
		c.t.Fatal("no message from the server")
	}
}

// await returns the response to the request id.
func (c *client) await(id string) *message {
	c.t.Helper()
	for c.pending[id] == nil {
		c.receive()
	}
	m := c.pending[id]
	delete(c.pending, id)
	return m
}

// result calls and decodes the result into v; it fails on an error.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.await(c.call(method, params))
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("%s: %v: %s", method, err, m.Result)
	}
}

// diagnostics waits for diagnostics of uri that satisfy ok.
func (c *client) diagnostics(uri string, ok func([]diagnostic) bool) []diagnostic {
	c.t.Helper()
	for i := 0; ; i++ {
		for j := len(c.diags) - 1; j >= 0; j-- {
			if c.diags[j].URI == uri {
				if ok(c.diags[j].Diagnostics) {
					d := c.diags[j].Diagnostics
					c.diags = nil
					return d
				}
				break
			}
		}
		c.receive()
	}
}

func (c *client) initialize(root string) {
	c.t.Helper()
	var r map[string]any
	c.result("initialize", map[string]any{"processId": nil, "rootUri": fileURI(root), "capabilities": map[string]any{}}, &r)
	if r["capabilities"] == nil {
		c.t.Fatalf("initialize: no capabilities: %v", r)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) shutdown() {
	c.t.Helper()
	var r any
	c.result("shutdown", nil, &r)
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		if err != nil {
			c.t.Fatalf("Serve: %v", err)
		}
	case <-time.After(liveness):
		c.t.Fatal("Serve did not return after exit")
	}
	c.in.Close()
	for range c.msgs {
	}
}

func docParams(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

var sample = map[string]string{
	"base.html":          "<title>{% block title %}{% endblock %}</title>\n{% block content %}{% endblock %}\n",
	"partials/card.html": "<div>{{ item|upper }}</div>\n",
	"page.html":          "{% extends \"base.html\" %}\n{% block content %}{% include \"partials/card.html\" %}{% endblock %}\n",
}

func TestServer(t *testing.T) {
	defer goleak.VerifyNone(t)
	root := writeTree(t, sample)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, s)
	c.initialize(root)
	page := fileURI(filepath.Join(root, "page.html"))

	// A typo in the editor's text (not on disk): block-unknown, then fixed.
	text := "{% extends \"base.html\" %}\n{% block contnet %}{{ name|lower }}{% endblock %}\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": page, "languageId": "django-html", "version": 1, "text": text}})
	d := c.diagnostics(page, func(d []diagnostic) bool { return len(d) > 0 })
	if d[0].Code != "block-unknown" || d[0].Range.Start != (position{1, 0}) || d[0].Severity != 2 {
		t.Fatalf("diagnostics: %+v", d)
	}

	// Hover on the finding: the rule's documentation.
	var h hover
	c.result("textDocument/hover", docParams(page, 1, 3), &h)
	if r, _ := lint.RuleByID("block-unknown"); !strings.Contains(h.Contents.Value, r.Doc) || !strings.Contains(h.Contents.Value, "**block** (tag)") {
		t.Errorf("hover on the block: %q", h.Contents.Value)
	}

	// An incremental change fixes it: the diagnostics are cleared.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": page, "version": 2},
		"contentChanges": []any{map[string]any{"range": span{position{1, 9}, position{1, 16}}, "text": "content"}},
	})
	c.diagnostics(page, func(d []diagnostic) bool { return len(d) == 0 })

	// Hover on a filter.
	c.result("textDocument/hover", docParams(page, 1, 31), &h)
	if !strings.Contains(h.Contents.Value, "**lower** (filter)") {
		t.Errorf("hover on lower: %q", h.Contents.Value)
	}
	// Hover on the block name: what it overrides.
	c.result("textDocument/hover", docParams(page, 1, 11), &h)
	if !strings.Contains(h.Contents.Value, "overrides block content of base.html (line 2)") {
		t.Errorf("hover on the block name: %q", h.Contents.Value)
	}

	// Definition: extends to the file, block to the parent's block.
	var l location
	c.result("textDocument/definition", docParams(page, 0, 14), &l)
	if l.URI != fileURI(filepath.Join(root, "base.html")) {
		t.Errorf("definition of extends: %+v", l)
	}
	c.result("textDocument/definition", docParams(page, 1, 11), &l)
	if l.URI != fileURI(filepath.Join(root, "base.html")) || l.Range.Start != (position{1, 9}) {
		t.Errorf("definition of the block: %+v", l)
	}

	// Completion: a full change to a text being typed.
	typed := "{% extends \"base.html\" %}\n{% block  %}{% include \"\" %}{{ x| }}{% \n"
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": page, "version": 3},
		"contentChanges": []any{map[string]any{"text": typed}},
	})
	for _, tc := range []struct {
		line, char int
		want       string
	}{
		{1, 9, "title"},               // the parent's blocks
		{1, 24, "partials/card.html"}, // template names
		{1, 33, "truncatewords"},      // filters after |
		{1, 39, "endblock"},           // tags after {%
	} {
		var cl completionList
		c.result("textDocument/completion", docParams(page, tc.line, tc.char), &cl)
		found := false
		for _, it := range cl.Items {
			found = found || it.Label == tc.want
		}
		if !found {
			t.Errorf("completion at %d:%d: no %q in %d items", tc.line, tc.char, tc.want, len(cl.Items))
		}
	}

	// Bad input: positions outside the document, unknown methods,
	// malformed messages, unknown notifications.
	m := c.await(c.call("textDocument/hover", docParams(page, 99, 0)))
	if m.Error != nil || string(m.Result) != "null" {
		t.Errorf("hover outside the document: %s %v", m.Result, m.Error)
	}
	m = c.await(c.call("textDocument/hover", docParams(page, 0, 999)))
	if m.Error != nil || string(m.Result) != "null" {
		t.Errorf("hover past the line: %s %v", m.Result, m.Error)
	}
	if m := c.await(c.call("workspace/unknown", nil)); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown method: %+v", m)
	}
	if m := c.await(c.call("textDocument/hover", "not an object")); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("bad params: %+v", m)
	}
	c.notify("$/unknownNotification", map[string]any{})
	c.raw(`{"jsonrpc": "2.0", "id": `)
	if m := c.await("null"); m.Error == nil || m.Error.Code != codeParseError {
		t.Errorf("malformed JSON: %+v", m)
	}

	// A document in another language is not checked: a Go file with a
	// broken tag in a string has no diagnostics, and neither does a file
	// outside the tree.
	gofile := fileURI(filepath.Join(root, "main.go"))
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": gofile, "languageId": "go", "version": 1, "text": "package main // {% if %}"}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file:///elsewhere/x.html", "languageId": "html", "version": 1, "text": "{% if %}"}})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "untitled:1", "languageId": "html", "version": 1, "text": "{% if %}"}})

	// Close: the diagnostics are cleared.
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": page, "languageId": "django-html", "version": 4, "text": "{% if %}"}})
	c.diagnostics(page, func(d []diagnostic) bool { return len(d) > 0 })
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": page}})
	c.diagnostics(page, func(d []diagnostic) bool { return len(d) == 0 })
	for uri := range c.uris {
		if uri != page {
			t.Errorf("diagnostics of a document that is not checked: %s", uri)
		}
	}
	c.shutdown()
}

// A request that does not end holds up none of the others.
func TestSlowRequest(t *testing.T) {
	defer goleak.VerifyNone(t)
	root := writeTree(t, sample)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	s.hook = func(method string) {
		if method == "textDocument/hover" {
			<-release
		}
	}
	c := startServer(t, s)
	c.initialize(root)
	page := fileURI(filepath.Join(root, "page.html"))
	slow := c.call("textDocument/hover", docParams(page, 0, 4))
	var cl completionList
	c.result("textDocument/completion", docParams(page, 0, 2), &cl)
	if len(cl.Items) == 0 {
		t.Error("no completion while the hover waits")
	}
	if c.pending[slow] != nil {
		t.Fatal("the hover was answered before it was released")
	}
	close(release)
	if m := c.await(slow); m.Error != nil || !strings.Contains(string(m.Result), "extends") {
		t.Errorf("the slow hover: %s %v", m.Result, m.Error)
	}
	c.shutdown()
}

func TestLifecycle(t *testing.T) {
	defer goleak.VerifyNone(t)
	root := writeTree(t, sample)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, s)
	if m := c.await(c.call("textDocument/hover", docParams("file:///x", 0, 0))); m.Error == nil || m.Error.Code != codeNotInitialized {
		t.Errorf("before initialize: %+v", m)
	}
	c.initialize(root)
	if m := c.await(c.call("initialize", map[string]any{})); m.Error == nil {
		t.Errorf("initialize twice: %+v", m)
	}
	var r any
	c.result("shutdown", nil, &r)
	if m := c.await(c.call("textDocument/hover", docParams("file:///x", 0, 0))); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("after shutdown: %+v", m)
	}
	c.notify("exit", nil)
	if err := <-c.served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	c.in.Close()
	for range c.msgs {
	}

	// Exit without shutdown, and input that ends, say so; a bad header
	// stops the server.
	for _, in := range []string{"exit", "eof", "framing"} {
		c := startServer(t, s)
		switch in {
		case "exit":
			c.notify("exit", nil)
		case "eof":
			c.in.Close()
		case "framing":
			fmt.Fprint(c.in, "Content-Length: x\r\n\r\n")
		}
		err := <-c.served
		if in == "framing" && (err == nil || err == ErrNoShutdown) || in != "framing" && err != ErrNoShutdown {
			t.Errorf("%s: Serve = %v", in, err)
		}
		c.in.Close()
		for range c.msgs {
		}
	}
}
