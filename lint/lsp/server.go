// Package lsp is tplcheck's language server: the Language Server
// Protocol over a stream (stdio), for trees of braid templates: the root
// it is given, and the editor's workspace folders (each a tree with its
// own configuration; a document belongs to the deepest that holds it).
// It publishes every finding of package lint for the open documents and
// for the templates that extend, include or import them (open or not,
// found in their tree), on open and on each change, from the editor's
// text over the files on disk, and clears a document's list when its
// findings go away. It answers hover (the documentation of a tag, a
// filter, a loaded library's tag or filter, a finding's rule),
// go-to-definition (from an extends, include, import or ssi name to the
// file, from a block to the parent's block, from a macro's call or an
// imported macro's name to the macro, from a partial to its
// partialdef), completion (tags, filters, those of the libraries the
// document loads, template names, the parent's blocks, libraries in
// {% load %}) and document symbols (blocks, macros and partials, nested).
//
// The JSON-RPC transport (Content-Length framing) is written here, a
// hundred lines, rather than taken from an LSP library: the server needs
// a handful of methods, and the module keeps its few dependencies.
//
// The package knows nothing about rendering; it reads templates through
// lint and the text of the documents the editor opened.
package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/braidtpl/braid/lint"
)

// Server is a language server for the templates under one root
// directory, and under the workspace folders the editor names (each a
// tree of its own). Make one with NewServer; Serve runs it on a
// connection.
type Server struct {
	// FolderConfig, when set before Serve, gives the configuration of a
	// workspace folder the editor names (its Search relative to dir);
	// nil: folders are checked with the root's configuration. A folder
	// whose configuration is an error is left out, and the editor is
	// told why.
	FolderConfig func(dir string) (lint.Config, error)

	base *tree // the root NewServer was given

	mu      sync.Mutex
	folders []*tree                 // the workspace folders but base
	docs    map[string]*document    // open documents by absolute path
	diags   map[string][]diagnostic // what was last published, by absolute path

	// hook, when set (by tests), runs before each request is handled, on
	// the request's goroutine.
	hook func(method string)
}

// document is an open document: its text as the editor has it.
type document struct {
	uri     string
	version int
	text    string
}

// NewServer returns a server of the templates under the directory root,
// checked with cfg, that finds templates they extend or include in root
// and then in the search directories, in order.
func NewServer(root string, cfg lint.Config, search ...string) (*Server, error) {
	t, err := newTree(root, cfg, search...)
	if err != nil {
		return nil, err
	}
	return &Server{base: t, docs: map[string]*document{}, diags: map[string][]diagnostic{}}, nil
}

// ErrNoShutdown is what Serve returns when the client sent exit, or the
// input ended, without a shutdown request first: the protocol says the
// server then exits with status 1.
var ErrNoShutdown = errors.New("lsp: exit without shutdown")

// Serve reads requests and notifications from r and writes responses and
// notifications to w until the client sends exit or r ends. Requests are
// answered concurrently, each on its own goroutine, so that a slow one
// does not hold up the others; notifications that change documents are
// applied in the order they came. Diagnostics are computed on a goroutine
// of their own, for the newest text, and published for every open
// document. Serve returns once every goroutine it started has ended: nil
// after shutdown and exit, ErrNoShutdown after exit (or the end of r)
// without shutdown, or the error of a stream it cannot read (a bad
// header) or write. Malformed messages and unknown methods are answered
// with errors (requests) or ignored (notifications). ctx ends the checks
// and requests under way; to stop Serve, close r.
func (s *Server) Serve(ctx context.Context, r io.Reader, w io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	c := &conn{s: s, out: &writer{w: w}, dirty: make(chan struct{}, 1)}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); c.diagnose(ctx) }()
	err := c.read(ctx, bufio.NewReader(r), &wg)
	cancel()
	wg.Wait()
	return err
}

// conn is one connection of a server.
type conn struct {
	s           *Server
	out         *writer
	dirty       chan struct{} // a check is wanted
	initialized bool          // these two: read and written by the reading goroutine only
	shutdown    bool
	published   map[string]bool // URIs whose last diagnostics were not empty, or open: the diagnose goroutine's
}

func (c *conn) read(ctx context.Context, r *bufio.Reader, wg *sync.WaitGroup) error {
	for {
		body, err := readMessage(r)
		if err == io.EOF {
			return ErrNoShutdown
		}
		if err != nil {
			return err
		}
		m, rerr := decode(body)
		if rerr != nil {
			if m == nil || m.ID != nil || rerr.Code == codeInvalidRequest {
				if err := c.out.write(response(nil, nil, rerr)); err != nil {
					return err
				}
			}
			continue
		}
		if m.Method == "" {
			continue // a response: the server sends no requests
		}
		if m.Method == "exit" {
			if c.shutdown {
				return nil
			}
			return ErrNoShutdown
		}
		if m.ID == nil {
			c.notification(m)
			continue
		}
		if err := c.request(ctx, m, wg); err != nil {
			return err
		}
	}
}

// request answers m: the lifecycle ones in order, the others on their
// own goroutines.
func (c *conn) request(ctx context.Context, m *message, wg *sync.WaitGroup) error {
	switch {
	case m.Method == "initialize":
		if c.initialized {
			return c.out.write(response(m.ID, nil, &rpcError{codeInvalidRequest, "initialize was sent already"}))
		}
		c.initialized = true
		problems := c.s.initFolders(m.Params)
		if err := c.out.write(response(m.ID, capabilities(), nil)); err != nil {
			return err
		}
		c.show(problems)
		return nil
	case !c.initialized:
		return c.out.write(response(m.ID, nil, &rpcError{codeNotInitialized, "the server is not initialized"}))
	case c.shutdown:
		return c.out.write(response(m.ID, nil, &rpcError{codeInvalidRequest, "the server is shutting down"}))
	case m.Method == "shutdown":
		c.shutdown = true
		return c.out.write(response(m.ID, nil, nil))
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if c.s.hook != nil {
			c.s.hook(m.Method)
		}
		result, rerr := c.s.answer(ctx, m.Method, m.Params)
		_ = c.out.write(response(m.ID, result, rerr))
	}()
	return nil
}

// show tells the editor what went wrong with its workspace folders.
func (c *conn) show(problems []string) {
	for _, p := range problems {
		_ = c.out.write(notify("window/showMessage", map[string]any{"type": 1, "message": p}))
	}
}

func capabilities() any {
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding":       "utf-16",
			"textDocumentSync":       map[string]any{"openClose": true, "change": 2},
			"hoverProvider":          true,
			"definitionProvider":     true,
			"documentSymbolProvider": true,
			"completionProvider": map[string]any{
				"triggerCharacters": []string{"%", "|", "\"", "'", " "},
			},
			"workspace": map[string]any{
				"workspaceFolders": map[string]any{"supported": true, "changeNotifications": true},
			},
		},
		"serverInfo": map[string]any{"name": "tplcheck"},
	}
}

// requestParams are the params of the requests about a document: the
// document, and a position for all but documentSymbol.
type requestParams struct {
	TextDocument textDocumentID `json:"textDocument"`
	Position     *position      `json:"position"`
}

// answer computes the result of a request.
func (s *Server) answer(ctx context.Context, method string, params json.RawMessage) (any, *rpcError) {
	var p requestParams
	switch method {
	case "textDocument/hover", "textDocument/definition", "textDocument/completion", "textDocument/documentSymbol":
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
		if p.Position == nil && method != "textDocument/documentSymbol" {
			return nil, &rpcError{codeInvalidParams, "no position"}
		}
	default:
		return nil, &rpcError{codeMethodNotFound, "method not found: " + method}
	}
	t, name, ok := s.name(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	text, ok := s.text(t, name)
	if !ok {
		return nil, nil
	}
	if method == "textDocument/documentSymbol" {
		return documentSymbols(text), nil
	}
	off, ok := offsetOf(text, *p.Position)
	if !ok {
		return nil, nil // outside the document: nothing
	}
	switch method {
	case "textDocument/hover":
		if h := s.hover(ctx, t, name, text, off); h != nil {
			return h, nil
		}
	case "textDocument/definition":
		if l := s.definition(t, name, text, off); l != nil {
			return l, nil
		}
	case "textDocument/completion":
		return s.complete(t, name, text, off), nil
	}
	return nil, nil
}

// notification applies a notification; unknown ones are ignored.
func (c *conn) notification(m *message) {
	if !c.initialized && m.Method != "initialized" {
		return
	}
	s := c.s
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		path, ok := s.path(p.TextDocument.URI)
		if !ok || !isTemplate(path, p.TextDocument.LanguageID) {
			return // outside the trees, or another language: not ours
		}
		s.mu.Lock()
		s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
		s.mu.Unlock()
	case "textDocument/didChange":
		var p didChangeParams
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		path, ok := uriPath(p.TextDocument.URI)
		if !ok {
			return
		}
		s.mu.Lock()
		d := s.docs[path]
		if d != nil {
			for _, ch := range p.ContentChanges {
				d.text = applyChange(d.text, ch)
			}
			d.version = p.TextDocument.Version
		}
		s.mu.Unlock()
		if d == nil {
			return
		}
	case "textDocument/didClose":
		var p struct{ TextDocument textDocumentID }
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		path, ok := uriPath(p.TextDocument.URI)
		if !ok {
			return
		}
		s.mu.Lock()
		delete(s.docs, path)
		s.mu.Unlock()
	case "workspace/didChangeWorkspaceFolders":
		var p foldersChange
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		var added, removed []string
		for _, f := range p.Event.Added {
			added = append(added, f.URI)
		}
		for _, f := range p.Event.Removed {
			removed = append(removed, f.URI)
		}
		c.show(s.changeFolders(added, removed))
	default:
		return
	}
	select {
	case c.dirty <- struct{}{}:
	default: // a check is already wanted; it will read the newest text
	}
}

// diagnose checks the open documents, and the templates that extend,
// include or import them, each time they change, and publishes their
// findings, until ctx ends: every open document's (an empty list when it
// has none), the others' when they have findings, and an empty list for
// a document whose findings went away or that was closed. Changes that
// come while a check runs are checked together after it.
func (c *conn) diagnose(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.dirty:
		}
		s := c.s
		s.mu.Lock()
		snap := make(map[string]document, len(s.docs))
		for p, d := range s.docs {
			snap[p] = *d
		}
		s.mu.Unlock()
		next := s.check(ctx, snap)
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		s.diags = make(map[string][]diagnostic, len(next))
		for p, r := range next {
			s.diags[p] = r.Diagnostics
		}
		s.mu.Unlock()
		now := make(map[string]bool, len(next))
		var out []publishParams
		for _, r := range next {
			now[r.URI] = true
			out = append(out, r)
		}
		var gone []string
		for uri := range c.published {
			if !now[uri] {
				gone = append(gone, uri)
			}
		}
		sort.Strings(gone)
		for _, uri := range gone {
			_ = c.out.write(notify("textDocument/publishDiagnostics", publishParams{URI: uri, Diagnostics: []diagnostic{}}))
		}
		sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
		for _, r := range out {
			_ = c.out.write(notify("textDocument/publishDiagnostics", r))
		}
		c.published = now
	}
}

func notify(method string, params any) *message {
	b, _ := json.Marshal(params)
	return &message{JSONRPC: "2.0", Method: method, Params: b}
}

// check returns the diagnostics to publish, by absolute path: those of
// the open documents in docs, each with a list (empty when it has no
// findings), and those of the templates that extend, include or import
// them, in their trees, that have findings.
func (s *Server) check(ctx context.Context, docs map[string]document) map[string]publishParams {
	out := map[string]publishParams{}
	type group struct {
		texts map[string]string // by name
		paths map[string]string // by name
	}
	groups := map[*tree]*group{}
	s.mu.Lock()
	for p, d := range docs {
		t, name, ok := s.locateLocked(p)
		if !ok {
			continue
		}
		g := groups[t]
		if g == nil {
			g = &group{texts: map[string]string{}, paths: map[string]string{}}
			groups[t] = g
		}
		g.texts[name], g.paths[name] = d.text, p
		v := d.version
		out[p] = publishParams{URI: d.uri, Version: &v, Diagnostics: []diagnostic{}}
	}
	s.mu.Unlock()
	for t, g := range groups {
		if ctx.Err() != nil {
			return out
		}
		names := make([]string, 0, len(g.texts))
		for n := range g.texts {
			names = append(names, n)
		}
		deps := t.dependents(ctx, g.texts)
		var search []fs.FS
		for _, d := range t.search {
			search = append(search, os.DirFS(d))
		}
		// A checker keeps what it parsed: a new one for each snapshot of the
		// editor's text reads every file again, which is what makes its
		// findings those of that text.
		ck, err := lint.New(overlay{t.disk, g.texts}, t.cfg, search...)
		if err != nil {
			continue
		}
		findings, _ := ck.Check(ctx, append(names, deps...)...)
		texts := map[string]string{}
		for _, f := range findings {
			p, open := g.paths[f.File]
			if !open {
				p = t.path(f.File)
			}
			r, ok := out[p]
			if !ok {
				r = publishParams{URI: fileURI(p), Diagnostics: []diagnostic{}}
			}
			text, ok := g.texts[f.File]
			if !ok {
				if text, ok = texts[f.File]; !ok {
					b, _ := fs.ReadFile(t.disk, f.File)
					text = string(b)
					texts[f.File] = text
				}
			}
			r.Diagnostics = append(r.Diagnostics, toDiagnostic(text, f))
			out[p] = r
		}
	}
	return out
}

func toDiagnostic(text string, f lint.Finding) diagnostic {
	start := position{Line: max(f.Line-1, 0), Character: utf16Column(text, f.Line-1, f.Column-1)}
	end := start
	end.Character++
	if f.EndLine > 0 {
		end = position{Line: f.EndLine - 1, Character: utf16Column(text, f.EndLine-1, f.EndColumn-1)}
	}
	sev := map[lint.Severity]int{lint.Error: 1, lint.Warning: 2, lint.Info: 3}[f.Severity]
	return diagnostic{Range: span{start, end}, Severity: sev, Code: f.Rule, Source: "tplcheck", Message: f.Message}
}

// path returns the absolute path of the document at uri, when it is in
// one of the server's trees.
func (s *Server) path(uri string) (string, bool) {
	p, ok := uriPath(uri)
	if !ok {
		return "", false
	}
	_, _, ok = s.locate(p)
	return p, ok
}

// name returns the tree and the name there of the document at uri.
func (s *Server) name(uri string) (*tree, string, bool) {
	p, ok := uriPath(uri)
	if !ok {
		return nil, "", false
	}
	return s.locate(p)
}

// text returns a template's text: the editor's when it is open, else the
// file's in the tree.
func (s *Server) text(t *tree, name string) (string, bool) {
	s.mu.Lock()
	d := s.docs[t.path(name)]
	var text string
	if d != nil {
		text = d.text
	}
	s.mu.Unlock()
	if d != nil {
		return text, true
	}
	b, err := fs.ReadFile(t.disk, name)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// find returns the path on disk and the text of a template named in
// another of the tree t: in the tree (open or on disk), then in the
// search directories.
func (s *Server) find(t *tree, name string) (string, string, bool) {
	if !fs.ValidPath(name) || name == "." {
		return "", "", false
	}
	if text, ok := s.text(t, name); ok {
		return t.path(name), text, true
	}
	for _, d := range t.search {
		p := filepath.Join(d, filepath.FromSlash(name))
		if b, err := os.ReadFile(p); err == nil {
			return p, string(b), true
		}
	}
	return "", "", false
}

// isTemplate reports whether a document the editor opens is a template:
// by its extension, or by the language the editor says it is in.
func isTemplate(name, languageID string) bool {
	if isTemplateName(name) {
		return true
	}
	l := strings.ToLower(languageID)
	return strings.Contains(l, "django") || strings.Contains(l, "jinja") || strings.Contains(l, "html")
}
