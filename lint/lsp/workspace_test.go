package lsp

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/braidtpl/braid/lint"
)

// brief is a diagnostic as the tests write it: "rule line:char-line:char".
func brief(ds []diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
	}
	return out
}

// until receives messages until the last diagnostics of every document
// in want are those; want's "-" is a document with none published yet.
func (c *client) until(want map[string][]string) {
	c.t.Helper()
	for {
		ok := true
		for uri, w := range want {
			got, published := c.last[uri]
			switch {
			case len(w) == 1 && w[0] == "-":
				ok = ok && !published
			default:
				ok = ok && published && cmp.Equal(brief(got), w)
			}
		}
		if ok {
			return
		}
		c.receive()
	}
}

func open(c *client, uri string, version int, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "django-html", "version": version, "text": text}})
}

func change(c *client, uri string, version int, text string) {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": []any{map[string]any{"text": text}}})
}

// The templates that extend or include an open document, open or not,
// are checked with it: their findings are published, and cleared when
// they go away.
func TestDependents(t *testing.T) {
	defer goleak.VerifyNone(t)
	base := "<title>{% block title %}{% endblock %}</title>\n{% block content %}{% endblock %}\n"
	root := writeTree(t, map[string]string{
		"base.html":         base,
		"page.html":         "{% extends \"base.html\" %}\n{% block content %}{% include \"card.html\" %}{% endblock %}\n",
		"sub/child.html":    "{% extends \"../page.html\" %}\n{% block title %}x{% endblock %}\n",
		"card.html":         "<div>{{ item }}</div>\n",
		"uses.html":         "{% include \"card.html\" %}\n",
		"other.html":        "{% block title %}{% endblock %}{% if %}\n",
		".hidden/page.html": "{% extends \"base.html\" %}{% block nosuch %}{% endblock %}",
	})
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, s)
	c.initialize(root)
	uri := func(n string) string { return fileURI(filepath.Join(root, n)) }

	// base.html loses both blocks in the editor: its children, the one
	// through page.html too, have blocks that never render.
	open(c, uri("base.html"), 1, "<title></title>\n")
	c.until(map[string][]string{
		uri("base.html"):      {},
		uri("page.html"):      {"block-unknown 1:0-1:19"},
		uri("sub/child.html"): {"block-unknown 1:0-1:17"},
	})
	// Fixed: their lists are emptied.
	change(c, uri("base.html"), 2, base)
	c.until(map[string][]string{
		uri("base.html"):      {},
		uri("page.html"):      {},
		uri("sub/child.html"): {},
	})

	// An open dependent is published with its version; a template
	// included by another is one's dependency: a broken card.html breaks
	// no one, but its own list is published.
	open(c, uri("card.html"), 1, "<div>{{ item|nosuch }}</div>\n")
	c.until(map[string][]string{uri("card.html"): {"unknown-filter 0:13-0:19"}})
	for _, p := range c.diags {
		if p.URI == uri("card.html") && (p.Version == nil || *p.Version != 1) || p.URI == uri("page.html") && p.Version != nil {
			t.Errorf("the version of %s: %v", p.URI, p.Version)
		}
	}
	// Includes are followed too: card.html including uses.html, which
	// includes it, is a cycle in both.
	change(c, uri("card.html"), 2, "<div>{% include \"uses.html\" %}</div>\n")
	c.until(map[string][]string{
		uri("card.html"): {"include-cycle 0:16-0:27"},
		uri("uses.html"): {"include-cycle 0:11-0:22"},
	})
	// Closing base.html and card.html clears theirs, and the cycle.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri("base.html")}})
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri("card.html")}})
	c.until(map[string][]string{uri("card.html"): {}, uri("base.html"): {}, uri("uses.html"): {}})
	for u := range c.uris {
		switch u {
		case uri("base.html"), uri("page.html"), uri("sub/child.html"), uri("card.html"), uri("uses.html"):
		default:
			t.Errorf("diagnostics of a template that depends on no open one: %s", u)
		}
	}
	c.shutdown()
}

// Each workspace folder is a tree of its own, with its configuration; a
// document belongs to the deepest one that holds it.
func TestWorkspaceFolders(t *testing.T) {
	defer goleak.VerifyNone(t)
	top := writeTree(t, map[string]string{
		"a/a.html":         "",
		"a/b/base.html":    "{% block main %}{% endblock %}",
		"a/b/page.html":    "",
		"d/d.html":         "",
		"c/tplcheck.json":  "not JSON",
		"a/b/partial.html": "",
	})
	a, b, c, d := filepath.Join(top, "a"), filepath.Join(top, "a", "b"), filepath.Join(top, "c"), filepath.Join(top, "d")
	s, err := NewServer(a, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	s.FolderConfig = func(dir string) (lint.Config, error) {
		switch dir {
		case b:
			return lint.Config{Filters: lint.Filters{"money": {}}}, nil
		case c:
			return lint.Config{}, errors.New("bad tplcheck.json")
		}
		return lint.Config{}, nil
	}
	cl := startServer(t, s)
	folders := []any{}
	for _, dir := range []string{a, b, d, c, filepath.Join(top, "nowhere")} {
		folders = append(folders, map[string]any{"uri": fileURI(dir), "name": filepath.Base(dir)})
	}
	var r map[string]any
	cl.result("initialize", map[string]any{"processId": nil, "rootUri": fileURI(a), "workspaceFolders": folders, "capabilities": map[string]any{}}, &r)
	cl.notify("initialized", map[string]any{})

	page := fileURI(filepath.Join(b, "page.html"))
	dd := fileURI(filepath.Join(d, "d.html"))
	open(cl, page, 1, "{% extends \"base.html\" %}{% block main %}{{ x|money }}{% endblock %}")
	open(cl, dd, 1, "{% include \"missing.html\" %}")
	cl.until(map[string][]string{page: {}, dd: {"missing-template 0:11-0:25"}})
	var l location
	cl.result("textDocument/definition", docParams(page, 0, 14), &l)
	if l.URI != fileURI(filepath.Join(b, "base.html")) {
		t.Errorf("definition of the folder's base.html: %+v", l)
	}
	var list completionList
	cl.result("textDocument/completion", docParams(page, 0, 12), &list)
	var names []string
	for _, it := range list.Items {
		names = append(names, it.Label)
	}
	if strings.Join(names, " ") != "base.html partial.html" {
		t.Errorf("completion of the folder's templates: %v", names)
	}
	if len(cl.shown) != 2 || !strings.Contains(cl.shown[0], c+": bad tplcheck.json") || !strings.Contains(cl.shown[1], "nowhere") {
		t.Errorf("messages: %q", cl.shown)
	}

	// Without the folders, page.html is b/page.html of a, which has no
	// base.html and no money filter; d.html is in no tree: cleared.
	cl.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": []any{folders[1], folders[2]}}})
	cl.until(map[string][]string{page: {"missing-template 0:11-0:22", "unknown-filter 0:46-0:51"}, dd: {}})
	// Malformed changes are ignored; then b comes back.
	cl.notify("workspace/didChangeWorkspaceFolders", "not an object")
	cl.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": 3}})
	cl.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{map[string]any{"uri": "not a URI"}, map[string]any{"uri": fileURI(filepath.Join(a, "a.html"))}}}})
	cl.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{folders[1]}, "removed": []any{}}})
	cl.until(map[string][]string{page: {}})
	cl.shutdown()
}

// An initialize whose folders are not what the protocol says is
// answered; the server keeps its root.
func TestBadFolders(t *testing.T) {
	defer goleak.VerifyNone(t)
	root := writeTree(t, sample)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, params := range []any{
		map[string]any{"workspaceFolders": 3},
		map[string]any{"workspaceFolders": []any{map[string]any{"uri": 7}}},
		map[string]any{"workspaceFolders": nil, "rootUri": "http://example.com/x"},
		"not an object",
	} {
		c := startServer(t, s)
		var r map[string]any
		c.result("initialize", params, &r)
		if r["capabilities"] == nil {
			t.Errorf("initialize %v: %v", params, r)
		}
		var l location
		c.result("textDocument/definition", docParams(fileURI(filepath.Join(root, "page.html")), 0, 14), &l)
		if l.URI != fileURI(filepath.Join(root, "base.html")) {
			t.Errorf("after initialize %v: definition %+v", params, l)
		}
		c.shutdown()
	}
}
