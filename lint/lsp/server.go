// Package lsp is tplcheck's language server: the Language Server
// Protocol over a stream (stdio), for a tree of braid templates. It
// publishes every finding of package lint for the open documents, on
// open and on each change, from their text in the editor over the files
// on disk; and it answers hover (the documentation of a tag, a filter or
// a finding's rule), go-to-definition (from an extends, include, import
// or ssi name to the file, from a block to the parent's block) and
// completion (tags, filters, template names, the parent's blocks,
// libraries).
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
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/braidtpl/braid/lint"
)

// Server is a language server for the templates under one root
// directory. Make one with NewServer; Serve runs it on a connection.
type Server struct {
	root   string   // absolute
	disk   fs.FS    // the root on disk
	search []string // absolute directories searched after the root
	cfg    lint.Config

	mu    sync.Mutex
	docs  map[string]*document    // open documents by name in the tree
	diags map[string][]diagnostic // what was last published, by name

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
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("lsp: %s is not a directory", root)
	}
	s := &Server{root: abs, disk: os.DirFS(abs), cfg: cfg, docs: map[string]*document{}, diags: map[string][]diagnostic{}}
	for _, d := range search {
		if !filepath.IsAbs(d) {
			d = filepath.Join(abs, d)
		}
		s.search = append(s.search, d)
	}
	if _, err := lint.New(s.disk, cfg); err != nil {
		return nil, err
	}
	return s, nil
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
	closed      []string // URIs closed since the last check, to clear
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
		return c.out.write(response(m.ID, capabilities(), nil))
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

func capabilities() any {
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding":   "utf-16",
			"textDocumentSync":   map[string]any{"openClose": true, "change": 2},
			"hoverProvider":      true,
			"definitionProvider": true,
			"completionProvider": map[string]any{
				"triggerCharacters": []string{"%", "|", "\"", "'", " "},
			},
		},
		"serverInfo": map[string]any{"name": "tplcheck"},
	}
}

// answer computes the result of a request.
func (s *Server) answer(ctx context.Context, method string, params json.RawMessage) (any, *rpcError) {
	var p positionParams
	switch method {
	case "textDocument/hover", "textDocument/definition", "textDocument/completion":
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, &rpcError{codeInvalidParams, err.Error()}
		}
	default:
		return nil, &rpcError{codeMethodNotFound, "method not found: " + method}
	}
	name, ok := s.name(p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	text, ok := s.text(name)
	if !ok {
		return nil, nil
	}
	off, ok := offsetOf(text, p.Position)
	if !ok {
		return nil, nil // outside the document: nothing
	}
	switch method {
	case "textDocument/hover":
		if h := s.hover(ctx, name, text, off); h != nil {
			return h, nil
		}
	case "textDocument/definition":
		if l := s.definition(name, text, off); l != nil {
			return l, nil
		}
	case "textDocument/completion":
		return s.complete(name, text, off), nil
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
		name, ok := s.name(p.TextDocument.URI)
		if !ok || !isTemplate(name, p.TextDocument.LanguageID) {
			return // outside the tree, or another language: not ours
		}
		s.mu.Lock()
		s.docs[name] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: p.TextDocument.Text}
		s.mu.Unlock()
	case "textDocument/didChange":
		var p didChangeParams
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		name, ok := s.name(p.TextDocument.URI)
		if !ok {
			return
		}
		s.mu.Lock()
		d := s.docs[name]
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
		name, ok := s.name(p.TextDocument.URI)
		if !ok {
			return
		}
		s.mu.Lock()
		delete(s.docs, name)
		c.closed = append(c.closed, p.TextDocument.URI)
		s.mu.Unlock()
	default:
		return
	}
	select {
	case c.dirty <- struct{}{}:
	default: // a check is already wanted; it will read the newest text
	}
}

// diagnose checks the open documents each time they change, and
// publishes their findings, until ctx ends. Changes that come while a
// check runs are checked together after it.
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
		for n, d := range s.docs {
			snap[n] = *d
		}
		closed := c.closed
		c.closed = nil
		s.mu.Unlock()
		for _, uri := range closed {
			_ = c.out.write(notify("textDocument/publishDiagnostics", publishParams{URI: uri, Diagnostics: []diagnostic{}}))
		}
		byName := s.check(ctx, snap)
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		for n := range s.diags {
			if _, open := snap[n]; !open {
				delete(s.diags, n)
			}
		}
		for n, d := range byName {
			s.diags[n] = d
		}
		s.mu.Unlock()
		names := make([]string, 0, len(snap))
		for n := range snap {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			d := snap[n]
			v := d.version
			_ = c.out.write(notify("textDocument/publishDiagnostics", publishParams{URI: d.uri, Version: &v, Diagnostics: byName[n]}))
		}
	}
}

func notify(method string, params any) *message {
	b, _ := json.Marshal(params)
	return &message{JSONRPC: "2.0", Method: method, Params: b}
}

// check returns the diagnostics of the documents in docs, by name, each
// with a list (empty when it has no findings).
func (s *Server) check(ctx context.Context, docs map[string]document) map[string][]diagnostic {
	out := make(map[string][]diagnostic, len(docs))
	names := make([]string, 0, len(docs))
	texts := make(map[string]string, len(docs))
	for n, d := range docs {
		names = append(names, n)
		texts[n] = d.text
		out[n] = []diagnostic{}
	}
	if len(names) == 0 {
		return out
	}
	var search []fs.FS
	for _, d := range s.search {
		search = append(search, os.DirFS(d))
	}
	// A checker keeps what it parsed: a new one for each snapshot of the
	// editor's text reads every file again, which is what makes its
	// findings those of that text.
	ck, err := lint.New(overlay{s.disk, texts}, s.cfg, search...)
	if err != nil {
		return out
	}
	findings, _ := ck.Check(ctx, names...)
	for _, f := range findings {
		if _, ok := out[f.File]; ok {
			out[f.File] = append(out[f.File], toDiagnostic(texts[f.File], f))
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

// name returns the name in the tree of the document at uri.
func (s *Server) name(uri string) (string, bool) {
	p, ok := uriPath(uri)
	if !ok {
		return "", false
	}
	rel, err := filepath.Rel(s.root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// text returns a template's text: the editor's when it is open, else the
// file's in the tree.
func (s *Server) text(name string) (string, bool) {
	s.mu.Lock()
	d := s.docs[name]
	var t string
	if d != nil {
		t = d.text
	}
	s.mu.Unlock()
	if d != nil {
		return t, true
	}
	b, err := fs.ReadFile(s.disk, name)
	if err != nil {
		return "", false
	}
	return string(b), true
}

// find returns the path on disk and the text of a template named in
// another: in the tree (open or on disk), then in the search directories.
func (s *Server) find(name string) (string, string, bool) {
	if !fs.ValidPath(name) {
		return "", "", false
	}
	if t, ok := s.text(name); ok {
		return filepath.Join(s.root, filepath.FromSlash(name)), t, true
	}
	for _, d := range s.search {
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
	ext := strings.ToLower(path.Ext(name))
	for _, e := range templateExts {
		if ext == e {
			return true
		}
	}
	l := strings.ToLower(languageID)
	return strings.Contains(l, "django") || strings.Contains(l, "jinja") || strings.Contains(l, "html")
}
