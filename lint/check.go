package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Checker checks the templates of one tree, as the engine would compile
// and render them. Each template is read, parsed and compiled once and
// kept, however many templates extend or include it and however many
// times Check is called, until Watch sees it change. A Checker is safe
// for concurrent use.
type Checker struct {
	cfg   Config
	copts compiler.Options
	popts []parser.Option
	srcs  []fs.FS // the tree, then the search path
	ld    *loader.Loader

	mu      sync.Mutex
	changed func(names []string) // Watch's callback
}

// New returns a checker of the templates in fsys, named by their paths
// in it, with the application's tags, filters and libraries cfg
// declares. Templates that extend or include others find them in fsys,
// then in the search sources, in order, as an engine with a WithFS for
// each would. Directories opened with loader.OpenDir can be watched (see
// Watch); any other fs.FS (an os.DirFS, an fstest.MapFS) can be checked.
func New(fsys fs.FS, cfg Config, search ...fs.FS) (*Checker, error) {
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	if cfg.MaxSize == 0 {
		cfg.MaxSize = DefaultMaxSize
	}
	copts := cfg.compilerOptions() // as an engine with cfg's tags would compile
	if err := copts.Check(); err != nil {
		return nil, fmt.Errorf("lint: %w", err)
	}
	c := &Checker{cfg: cfg, copts: copts, popts: copts.ParseOptions()}
	for _, s := range append([]fs.FS{fsys}, search...) {
		c.srcs = append(c.srcs, limited(s, cfg.MaxSize))
	}
	c.ld = loader.New(c.srcs, c.compile, loader.WithReloadHook(c.reloaded),
		loader.WithLogger(slog.New(slog.DiscardHandler)), loader.WithMaxSourceSize(int(cfg.MaxSize)))
	return c, nil
}

// unit is one template as the checker read it: its source, its syntax
// tree (partial when it has syntax errors), its errors, and its compiled
// form when it compiles.
type unit struct {
	name string
	src  string
	tree *parser.Template
	errs parser.ErrorList // syntax errors, or else compile errors
	res  *compiler.Result // nil unless it compiled; its Program emptied
	// partials are the names of its {% partialdef %}s, when it compiled.
	partials map[string]bool
	nul      int // the offset of a NUL byte; -1 when none
	// parsed: the source has no syntax errors (it may still not compile).
	parsed bool
	big    *tooLargeError // the file is over the size limit, and not read

	once sync.Once
	inf  *info
}

// unitError is the loader's cached error of a template that does not
// compile: the unit is in it.
type unitError struct {
	u   *unit
	err error
}

// at is the line and column of offset p in the unit's tree.
func (u *unit) at(p parser.Pos) parser.Position { return u.tree.Position(p) }

func (e *unitError) Error() string { return e.err.Error() }
func (e *unitError) Unwrap() error { return e.err }

// compile is the loader's compile function: the engine's (parse with its
// options, compile with compiler.Compile), keeping the syntax tree.
func (c *Checker) compile(name, src string) (*compiler.Result, error) {
	u := &unit{name: name, src: src, nul: binary(src)}
	if u.nul >= 0 {
		return nil, &unitError{u, errBinary}
	}
	tree, err := parser.Parse(name, src, c.popts...)
	u.tree, u.parsed = tree, err == nil
	if err == nil {
		u.res, err = compiler.Compile(tree, src, c.copts)
	}
	if err != nil {
		if !errors.As(err, &u.errs) {
			u.errs = parser.ErrorList{{Pos: parser.Position{Filename: name, Line: 1, Column: 1}, Msg: err.Error(), Line: lineAt(src, 0)}}
		}
		u.res = nil
		return nil, &unitError{u, err}
	}
	// The checker never renders: it keeps the facts and lets the
	// executable program go, which is a third of what a template takes.
	u.partials = map[string]bool{}
	for p := range u.res.Program.Partials {
		u.partials[p] = true
	}
	u.res.Program = &render.Program{Name: name}
	u.res.Handle.Store(u)
	return u.res, nil
}

// lookup returns the unit of a template; an error when it cannot be read
// (a missing file, a read error, a file over the size limit).
func (c *Checker) lookup(name string) (*unit, error) {
	res, err := c.ld.Get(name)
	if err == nil {
		return res.Handle.Load().(*unit), nil
	}
	var ue *unitError
	if errors.As(err, &ue) {
		return ue.u, nil
	}
	var big *tooLargeError
	if errors.As(err, &big) {
		return &unit{name: name, nul: -1, big: big}, nil
	}
	// The loader refuses a source over the size limit before reading it
	// (loader.WithMaxSourceSize, which New sets to the checker's).
	var le *render.LimitError
	if errors.As(err, &le) && le.Option == "WithMaxSourceSize" {
		big = &tooLargeError{size: -1, limit: c.cfg.MaxSize}
		for _, src := range c.srcs {
			if fi, err := fs.Stat(src, name); err == nil {
				big.size = fi.Size()
				break
			}
		}
		return &unit{name: name, nul: -1, big: big}, nil
	}
	return nil, err
}

// FileError is a template that could not be checked: it does not exist,
// or it could not be read.
type FileError struct {
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the reason; errors.Is(err, fs.ErrNotExist) holds for a
// missing file.
func (e *FileError) Unwrap() error { return e.Err }

// run is one Check: what it loaded and the graph between them.
type run struct {
	c     *Checker
	units map[string]*unit // loaded templates, by name
	fail  map[string]error // names that could not be read
	// included are the templates that some loaded template includes;
	// dynamic is set when one includes a template named at render time.
	included map[string]bool
	dynamic  bool
	// cycles are the strongly connected parts of the graphs of
	// unconditional includes and of extends: name → its part's id.
	incSCC, extSCC map[string]int
	walks          sync.Map // name → *walkResult
}

// Check checks the named templates (names in the checker's tree) in
// parallel, on all cores, and returns the findings sorted (SortFindings),
// those of disabled rules and those an ignore comment names left out.
// Templates they extend, include or import are read too, to follow the
// graph, but findings are only about the named ones. Names that could not
// be checked are reported in the error, a join of *FileError, while the
// others are checked. Check returns ctx's error if ctx ends first.
func (c *Checker) Check(ctx context.Context, names ...string) ([]Finding, error) {
	r := &run{c: c, units: map[string]*unit{}, fail: map[string]error{}, included: map[string]bool{}}
	names = slices.Compact(slices.Sorted(slices.Values(names)))
	if err := r.load(ctx, names); err != nil {
		return nil, err
	}
	r.graph()
	results := make([][]Finding, len(names))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, name := range names {
		u := r.units[name]
		if u == nil {
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			results[i] = c.filter(u, r.check(u))
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []Finding
	var errs []error
	for i, name := range names {
		out = append(out, results[i]...)
		if err := r.fail[name]; err != nil {
			errs = append(errs, &FileError{Name: name, Err: err})
		}
	}
	SortFindings(out)
	return slices.Compact(out), errors.Join(errs...)
}

// load reads the named templates and everything they name statically,
// level by level, in parallel.
func (r *run) load(ctx context.Context, names []string) error {
	seen := map[string]bool{}
	frontier := slices.Clone(names)
	for _, n := range frontier {
		seen[n] = true
	}
	for len(frontier) > 0 {
		got := make([]*unit, len(frontier))
		errs := make([]error, len(frontier))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i, name := range frontier {
			g.Go(func() error {
				if err := gctx.Err(); err != nil {
					return err
				}
				u, err := r.c.lookup(name)
				if u != nil {
					u.info() // computed now, in parallel
				}
				got[i], errs[i] = u, err
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		var next []string
		for i, name := range frontier {
			if got[i] == nil {
				r.fail[name] = errs[i]
				continue
			}
			r.units[name] = got[i]
			for _, ref := range got[i].info().refs {
				if ref.target != "" && !seen[ref.target] && ref.kind != "ssi" {
					seen[ref.target] = true
					next = append(next, ref.target)
				}
			}
		}
		slices.Sort(next)
		frontier = next
	}
	return nil
}

// filter drops the findings of disabled rules and those an ignore
// comment names.
func (c *Checker) filter(u *unit, fs []Finding) []Finding {
	ign := u.info().ignores
	out := fs[:0]
	for _, f := range fs {
		r, _ := RuleByID(f.Rule)
		if !c.cfg.enabled(r) {
			continue
		}
		if ids, ok := ign[f.Line]; ok && (len(ids) == 0 || slices.Contains(ids, f.Rule)) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// ignoreRE finds {# tplcheck:ignore id id #} comments.
var ignoreRE = regexp.MustCompile(`\{#-?\s*tplcheck:ignore\b([^#]*)#\}`)

// ignores returns, by line, the rules ignore comments name for it (the
// line after the comment, and the comment's own line); an empty list
// means every rule.
func ignores(src string) map[int][]string {
	if !strings.Contains(src, "tplcheck:ignore") {
		return nil
	}
	out := map[int][]string{}
	for _, m := range ignoreRE.FindAllStringSubmatchIndex(src, -1) {
		line := strings.Count(src[:m[1]], "\n") + 1
		ids := strings.FieldsFunc(src[m[2]:m[3]], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
		for _, l := range []int{line, line + 1} {
			if prev, ok := out[l]; ok && (len(prev) == 0 || len(ids) == 0) {
				out[l] = nil
			} else {
				out[l] = append(prev, ids...)
			}
		}
	}
	return out
}

// Watch starts watching the checker's directory (the loader's watcher,
// see loader.Loader.Watch) and returns once the watch is in place. After
// each burst of changes, changed gets the names of the templates that
// changed on disk (saved, created, deleted or renamed) and of the checked
// templates that extend, include or import them; a name may not exist any
// more, and a new file's name comes only if some template named it before.
// changed is called after every burst, with no names too, so that the
// caller can look for new files. It runs on the watcher's goroutine, one
// call at a time, after the checker has dropped those templates: Check
// reads them again. The checker must have been made over a directory
// opened with loader.OpenDir; search sources that are such directories
// are watched too. Close stops the watcher.
func (c *Checker) Watch(changed func(names []string)) error {
	if _, ok := c.srcs[0].(*loader.DirSource); !ok {
		return errors.New("lint: Watch needs a checker over a directory opened with loader.OpenDir")
	}
	c.mu.Lock()
	c.changed = changed
	c.mu.Unlock()
	return c.ld.Watch()
}

// Close stops the watcher, if Watch started one, and waits for its
// goroutine to end. The checker can still Check, without watching.
func (c *Checker) Close() error { return c.ld.Close() }

// reloaded is the loader's reload hook.
func (c *Checker) reloaded(names []string) {
	c.mu.Lock()
	f := c.changed
	c.mu.Unlock()
	if f != nil {
		f(names)
	}
}
