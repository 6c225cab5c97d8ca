package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/braidtpl/braid/lint"
)

// tree is a template tree: a directory whose files are named by their
// paths in it, with the configuration its templates are checked with.
// The server's root is one; each workspace folder the editor names is
// another.
type tree struct {
	dir    string   // absolute
	disk   fs.FS    // dir on disk
	search []string // absolute directories searched after dir
	cfg    lint.Config
	refs   *lint.Checker           // parses as cfg says, for Refs
	libs   map[string]lint.Library // what {% load %} knows

	mu    sync.Mutex
	index map[string]indexed // the refs of the files on disk, by name
}

// indexed is what a file on disk names, as of its size and modification
// time.
type indexed struct {
	mod  time.Time
	size int64
	refs []string
}

// newTree returns the tree of the directory dir, checked with cfg; its
// search directories are relative to dir unless absolute.
func newTree(dir string, cfg lint.Config, search ...string) (*tree, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("lsp: %s is not a directory", dir)
	}
	t := &tree{dir: abs, disk: os.DirFS(abs), cfg: cfg, index: map[string]indexed{}}
	for _, d := range search {
		if !filepath.IsAbs(d) {
			d = filepath.Join(abs, d)
		}
		t.search = append(t.search, d)
	}
	if t.refs, err = lint.New(t.disk, cfg); err != nil {
		return nil, err
	}
	t.libs = lint.Libraries(cfg)
	return t, nil
}

// name returns the name in t of the file at the absolute path p.
func (t *tree) name(p string) (string, bool) {
	rel, err := filepath.Rel(t.dir, p)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// path returns the absolute path of the template name of t.
func (t *tree) path(name string) string { return filepath.Join(t.dir, filepath.FromSlash(name)) }

// maxTemplates bounds the template names a tree lists: for completion,
// and for the search of dependents; maxEntries bounds the files and
// directories looked at to find them (a folder may be a home directory).
const (
	maxTemplates = 2000
	maxEntries   = 20000
)

// maxDependents bounds the dependents of the open documents checked
// with them.
const maxDependents = 500

// templateExts are the extensions of the files completion names and the
// search of dependents reads.
var templateExts = []string{".html", ".htm", ".tpl", ".txt", ".xml", ".jinja", ".django"}

func isTemplateName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range templateExts {
		if ext == e {
			return true
		}
	}
	return false
}

// walkTemplates calls fn with the template files of fsys, at most
// maxTemplates of them among the first maxEntries entries, leaving out
// directories whose name starts with a dot.
func walkTemplates(fsys fs.FS, fn func(name string, d fs.DirEntry)) {
	n, seen := 0, 0
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		seen++
		if n >= maxTemplates || seen > maxEntries {
			return fs.SkipAll
		}
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if isTemplateName(p) {
			n++
			fn(p, d)
		}
		return nil
	})
}

// dependents returns the templates of t that extend, include or import
// one of the open ones, directly or through others, sorted, at most
// maxDependents; open are the texts of the open documents of t, by name,
// which stand for their files. A file's names are read again only when
// its size or modification time changed.
func (t *tree) dependents(ctx context.Context, open map[string]string) []string {
	rev := map[string][]string{} // name → the templates that name it
	add := func(name string, refs []string) {
		for _, r := range refs {
			if r != name {
				rev[r] = append(rev[r], name)
			}
		}
	}
	t.mu.Lock()
	next := make(map[string]indexed, len(t.index))
	walkTemplates(t.disk, func(name string, d fs.DirEntry) {
		if _, ok := open[name]; ok || ctx.Err() != nil {
			return
		}
		fi, err := d.Info()
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxSize(t.cfg) {
			return
		}
		x, ok := t.index[name]
		if !ok || !x.mod.Equal(fi.ModTime()) || x.size != fi.Size() {
			b, err := fs.ReadFile(t.disk, name)
			if err != nil {
				return
			}
			x = indexed{mod: fi.ModTime(), size: fi.Size(), refs: t.refs.Refs(name, string(b))}
		}
		next[name] = x
		add(name, x.refs)
	})
	t.index = next
	t.mu.Unlock()
	for name, text := range open {
		add(name, t.refs.Refs(name, text))
	}
	seen := map[string]bool{}
	var queue, out []string
	for name := range open {
		seen[name] = true
		queue = append(queue, name)
	}
	sort.Strings(queue)
	for len(queue) > 0 && len(out) < maxDependents {
		n := queue[0]
		queue = queue[1:]
		deps := rev[n]
		sort.Strings(deps)
		for _, d := range deps {
			if !seen[d] && len(out) < maxDependents {
				seen[d] = true
				out = append(out, d)
				queue = append(queue, d)
			}
		}
	}
	sort.Strings(out)
	return out
}

func maxSize(cfg lint.Config) int64 {
	if cfg.MaxSize > 0 {
		return cfg.MaxSize
	}
	return lint.DefaultMaxSize
}

// workspaceFolder is a folder of the editor's workspace.
type workspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

type initializeParams struct {
	RootURI          string            `json:"rootUri"`
	WorkspaceFolders []workspaceFolder `json:"workspaceFolders"`
}

type foldersChange struct {
	Event struct {
		Added   []workspaceFolder `json:"added"`
		Removed []workspaceFolder `json:"removed"`
	} `json:"event"`
}

// initFolders takes the workspace folders of initialize's params (or its
// rootUri, when it names no folders); it returns what went wrong with
// them, for the editor to show.
func (s *Server) initFolders(params json.RawMessage) []string {
	var p initializeParams
	if json.Unmarshal(params, &p) != nil {
		return nil
	}
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if len(uris) == 0 && p.RootURI != "" {
		uris = []string{p.RootURI}
	}
	return s.changeFolders(uris, nil)
}

// changeFolders adds the folders at the URIs added and removes those at
// removed; a folder that is the server's root is the root already.
func (s *Server) changeFolders(added, removed []string) []string {
	var problems []string
	var trees []*tree
	for _, uri := range added {
		p, ok := uriPath(uri)
		if !ok {
			continue
		}
		p = filepath.Clean(p)
		if p == s.base.dir {
			continue
		}
		cfg, search := s.base.cfg, s.base.search
		if s.FolderConfig != nil {
			c, err := s.FolderConfig(p)
			if err != nil {
				problems = append(problems, fmt.Sprintf("tplcheck: workspace folder %s: %v", p, err))
				continue
			}
			cfg, search = c, c.Search
		}
		t, err := newTree(p, cfg, search...)
		if err != nil {
			problems = append(problems, fmt.Sprintf("tplcheck: workspace folder %s: %v", p, strings.TrimPrefix(err.Error(), "lint: ")))
			continue
		}
		trees = append(trees, t)
	}
	gone := map[string]bool{}
	for _, uri := range removed {
		if p, ok := uriPath(uri); ok {
			gone[filepath.Clean(p)] = true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.folders[:0]
	for _, t := range s.folders {
		if !gone[t.dir] {
			kept = append(kept, t)
		}
	}
	s.folders = kept
	for _, t := range trees {
		dup := false
		for _, f := range s.folders {
			dup = dup || f.dir == t.dir
		}
		if !dup {
			s.folders = append(s.folders, t)
		}
	}
	return problems
}

// locate returns the tree of the file at the absolute path p, the
// deepest one that holds it, and its name there.
func (s *Server) locate(p string) (*tree, string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.locateLocked(p)
}

func (s *Server) locateLocked(p string) (*tree, string, bool) {
	var best *tree
	var name string
	for _, t := range append([]*tree{s.base}, s.folders...) {
		if n, ok := t.name(p); ok && (best == nil || len(t.dir) > len(best.dir)) {
			best, name = t, n
		}
	}
	return best, name, best != nil
}
