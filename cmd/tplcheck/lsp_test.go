package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// editor drives tplcheck -lsp as an editor does: framed JSON-RPC over its
// stdin and stdout.
type editor struct {
	t     *testing.T
	in    io.WriteCloser
	msgs  chan map[string]json.RawMessage
	next  int
	saved map[string]map[string]json.RawMessage
	diags []map[string]json.RawMessage
	last  map[string]string // the last diagnostics of each URI, briefly
}

func (e *editor) send(v map[string]any) {
	v["jsonrpc"] = "2.0"
	b, _ := json.Marshal(v)
	if _, err := fmt.Fprintf(e.in, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editor) receive() {
	e.t.Helper()
	select {
	case m, ok := <-e.msgs:
		if !ok {
			e.t.Fatal("tplcheck -lsp closed its output")
		}
		if string(m["method"]) == `"textDocument/publishDiagnostics"` {
			var p map[string]json.RawMessage
			json.Unmarshal(m["params"], &p)
			e.diags = append(e.diags, p)
			var uri string
			var ds []struct {
				Code  string
				Range struct{ Start, End struct{ Line, Character int } }
			}
			json.Unmarshal(p["uri"], &uri)
			json.Unmarshal(p["diagnostics"], &ds)
			var b []string
			for _, d := range ds {
				b = append(b, fmt.Sprintf("%s %d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
			}
			e.last[uri] = strings.Join(b, ", ")
			return
		}
		e.saved[string(m["id"])] = m
	case <-time.After(time.Minute): // a bound on a hang, not a measure
		e.t.Fatal("no answer from tplcheck -lsp")
	}
}

// call sends a request and returns its result; it fails on an error.
func (e *editor) call(method string, params any) string {
	e.t.Helper()
	m := e.request(method, params)
	if m["error"] != nil {
		e.t.Fatalf("%s: %s", method, m["error"])
	}
	return string(m["result"])
}

// request sends a request and returns the response.
func (e *editor) request(method string, params any) map[string]json.RawMessage {
	e.t.Helper()
	e.next++
	e.send(map[string]any{"id": e.next, "method": method, "params": params})
	id := strconv.Itoa(e.next)
	for e.saved[id] == nil {
		e.receive()
	}
	return e.saved[id]
}

// until waits until the last diagnostics of uri are want, briefly:
// "rule line:char-line:char, …".
func (e *editor) until(uri, want string) {
	e.t.Helper()
	for {
		if got, ok := e.last[uri]; ok && got == want {
			return
		}
		e.receive()
	}
}

// diagnostics waits for diagnostics of version v and returns them.
func (e *editor) diagnostics(v int) string {
	e.t.Helper()
	for {
		for _, p := range e.diags {
			if string(p["version"]) == strconv.Itoa(v) {
				e.diags = nil
				return string(p["diagnostics"])
			}
		}
		e.receive()
	}
}

func at(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

// TestLSP runs the binary as a language server and checks each answer.
func TestLSP(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"base.html":     "<title>{% block title %}{% endblock %}</title>\n{% block content %}{% endblock %}\n",
		"card.html":     "<div>{{ item }}</div>\n",
		"page.html":     "",
		"child.html":    "{% extends \"base.html\" %}\n{% block title %}x{% endblock %}\n",
		"macros.html":   "{% macro card(x) export %}{{ x }}{% endmacro %}\n",
		"use.html":      "{% import \"macros.html\" card %}{% load humanize %}{{ card(1)|intcomma }}{% load  %}\n",
		"tplcheck.json": `{"filters": ["money"]}`,
	})
	// A second workspace folder, with a tplcheck.json of its own.
	other := t.TempDir()
	write(t, other, map[string]string{"x.html": "", "tplcheck.json": `{"filters": ["price"]}`})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "-lsp")
	cmd.Dir = dir
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	e := &editor{t: t, in: in, msgs: make(chan map[string]json.RawMessage, 100), saved: map[string]map[string]json.RawMessage{}, last: map[string]string{}}
	go func() {
		defer close(e.msgs)
		r := bufio.NewReader(out)
		for {
			h, err := textproto.NewReader(r).ReadMIMEHeader()
			if err != nil {
				return
			}
			n, _ := strconv.Atoi(h.Get("Content-Length"))
			b := make([]byte, n)
			if _, err := io.ReadFull(r, b); err != nil {
				return
			}
			var m map[string]json.RawMessage
			json.Unmarshal(b, &m)
			e.msgs <- m
		}
	}()

	root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()
	otherURI := (&url.URL{Scheme: "file", Path: filepath.ToSlash(other)}).String()
	folders := []any{map[string]any{"uri": root, "name": "templates"}, map[string]any{"uri": otherURI, "name": "other"}}
	if r := e.call("initialize", map[string]any{"processId": nil, "rootUri": root, "workspaceFolders": folders, "capabilities": map[string]any{}}); !strings.Contains(r, `"definitionProvider":true`) ||
		!strings.Contains(r, `"documentSymbolProvider":true`) || !strings.Contains(r, `"workspaceFolders":{"changeNotifications":true,"supported":true}`) {
		t.Fatalf("initialize: %s", r)
	}
	e.send(map[string]any{"method": "initialized", "params": map[string]any{}})

	page := root + "/page.html"
	text := "{% extends \"base.html\" %}\n{% block content %}{% include \"card.html\" %}{{ price|money|nosuch }}{% endblock %}\n"
	e.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": page, "languageId": "django-html", "version": 1, "text": text}}})
	if d := e.diagnostics(1); !strings.Contains(d, `"code":"unknown-filter"`) || strings.Count(d, `"code"`) != 1 {
		t.Errorf("diagnostics on open: %s", d)
	}
	// The incremental change removes |nosuch; the diagnostics are cleared.
	e.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": page, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 1, "character": 58}, "end": map[string]any{"line": 1, "character": 65}}, "text": ""}},
	}})
	if d := e.diagnostics(2); d != "[]" {
		t.Errorf("diagnostics after the fix: %s", d)
	}
	if r := e.call("textDocument/hover", at(page, 0, 4)); !strings.Contains(r, "**extends** (tag)") {
		t.Errorf("hover on extends: %s", r)
	}
	if r := e.call("textDocument/hover", at(page, 1, 55)); !strings.Contains(r, "the application's, declared in tplcheck.json") {
		t.Errorf("hover on money: %s", r)
	}
	if r := e.call("textDocument/definition", at(page, 1, 35)); !strings.Contains(r, `card.html"`) {
		t.Errorf("definition of the include: %s", r)
	}
	if r := e.call("textDocument/definition", at(page, 1, 10)); !strings.Contains(r, `base.html"`) || !strings.Contains(r, `"start":{"line":1,"character":9}`) {
		t.Errorf("definition of the block: %s", r)
	}
	e.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": page, "version": 3},
		"contentChanges": []any{map[string]any{"text": "{% extends \"base.html\" %}\n{% block t %}{{ x|tr }}{% \n"}},
	}})
	for _, tc := range []struct {
		line, char int
		want       string
	}{
		{1, 10, `"label":"title"`},
		{1, 20, `"label":"truncatechars"`},
		{1, 20, `"label":"money"`},
		{1, 26, `"label":"for"`},
		{0, 12, `"label":"card.html"`},
	} {
		if r := e.call("textDocument/completion", at(page, tc.line, tc.char)); !strings.Contains(r, tc.want) {
			t.Errorf("completion at %d:%d: no %s in %.200s", tc.line, tc.char, tc.want, r)
		}
	}
	if r := e.call("textDocument/hover", at(page, 50, 0)); r != "null" {
		t.Errorf("hover outside the document: %s", r)
	}

	// Dependents: base.html loses its title block in the editor, and
	// child.html, on disk, has a block that never renders; fixed, its
	// list is emptied.
	base, child := root+"/base.html", root+"/child.html"
	e.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": base, "languageId": "django-html", "version": 1, "text": "<title></title>\n{% block content %}{% endblock %}\n"}}})
	e.until(child, "block-unknown 1:0-1:17")
	e.until(base, "")
	if r := e.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": base}}); r != `[{"name":"content","detail":"block","kind":3,"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":33}},"selectionRange":{"start":{"line":1,"character":9},"end":{"line":1,"character":16}}}]` {
		t.Errorf("symbols of base.html: %s", r)
	}
	e.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": base, "version": 2},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 0, "character": 7}, "end": map[string]any{"line": 0, "character": 7}}, "text": "{% block title %}{% endblock %}"}},
	}})
	e.until(child, "")

	// A macro's call to its definition, in a document not open.
	use := root + "/use.html"
	if r := e.call("textDocument/definition", at(use, 0, 55)); r != `{"uri":"`+root+`/macros.html","range":{"start":{"line":0,"character":9},"end":{"line":0,"character":13}}}` {
		t.Errorf("definition of the macro: %s", r)
	}
	// The filters of a loaded library, and the libraries in {% load %}.
	if r := e.call("textDocument/completion", at(use, 0, 62)); !strings.Contains(r, `{"label":"intcomma","kind":3,"detail":"filter of library humanize"}`) {
		t.Errorf("completion of humanize's filters: %.300s", r)
	}
	var cl struct{ Items []struct{ Label string } }
	json.Unmarshal([]byte(e.call("textDocument/completion", at(use, 0, 80))), &cl)
	var libs []string
	for _, it := range cl.Items {
		libs = append(libs, it.Label)
	}
	if strings.Join(libs, " ") != "cache humanize i18n l10n static tz" {
		t.Errorf("completion of libraries: %v", libs)
	}

	// The other folder is checked with its own tplcheck.json: price is
	// its filter, money is not.
	x := otherURI + "/x.html"
	e.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": x, "languageId": "django-html", "version": 1, "text": "{{ a|price|money }}"}}})
	e.until(x, "unknown-filter 0:11-0:16")

	// Bad params of the new requests: an error, never a crash.
	if m := e.request("textDocument/documentSymbol", []int{1}); !strings.Contains(string(m["error"]), `"code":-32602`) {
		t.Errorf("documentSymbol with bad params: %s", m["error"])
	}
	if r := e.call("textDocument/definition", at(use, 9, 9)); r != "null" {
		t.Errorf("definition outside the document: %s", r)
	}
	if r := e.call("shutdown", nil); r != "null" {
		t.Errorf("shutdown: %s", r)
	}
	e.send(map[string]any{"method": "exit"})
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("tplcheck -lsp: %v\n%s", err, stderr.String())
	}
}

func TestLSPUsage(t *testing.T) {
	for _, args := range [][]string{{"-lsp", "page.html"}, {"-lsp", "-watch"}, {"-lsp", "-format", "json"}} {
		if _, stderr, code := tplcheck(t, t.TempDir(), args...); code != 2 || !strings.Contains(stderr, "-lsp serves") {
			t.Errorf("tplcheck %v: exit %d, %q", args, code, stderr)
		}
	}
	// Input that ends without shutdown: exit status 1, as the protocol says.
	cmd := exec.Command(binary, "-lsp")
	cmd.Dir = t.TempDir()
	cmd.Stdin = strings.NewReader("")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Errorf("tplcheck -lsp with no input: %v", err)
	}
}
