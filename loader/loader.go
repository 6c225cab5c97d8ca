// Package loader finds templates by name in a search path of file
// systems, compiles each once and caches the result, keeps the graph of
// which template extends, includes or imports which, and can watch
// directories on disk to reload templates when they change.
//
// It knows nothing about rendering beyond handing compiled programs to it.
//
// # Names
//
// A template name is a slash-separated path relative to every source:
// "page.html", "emails/welcome.txt". Names with "..", "." or empty
// elements, absolute names, backslashes, NUL bytes and invalid UTF-8 are
// refused (see CheckName). In {% extends %}, {% include %} and
// {% import %}, a name that starts with "./" or "../" is relative to the
// directory of the template that has the tag, as in Django; it may not
// lead above the root of the sources (see Resolve).
//
// # Cache and reloads
//
// Each template is read and compiled once, however many goroutines ask for
// it first; later requests are a map read under a read lock, with no
// allocation and no file-system call. Errors (a missing template, a syntax
// error) are cached too. Invalidate drops templates from the cache, with
// everything that extends, includes or imports them; Watch does that by
// itself when files change in the sources that are directories on disk.
// Compiled programs are never changed: a render that holds one finishes
// with it, and the next request gets the new version.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/sync/singleflight"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// NotFoundError is the error for a name no source has. errors.Is(err,
// fs.ErrNotExist) holds for it.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("template %q not found", e.Name) }

// Is reports whether target is fs.ErrNotExist.
func (e *NotFoundError) Is(target error) bool { return target == fs.ErrNotExist }

// NameError is the error for a name that is not a valid template name, or
// a relative name that leads above the root of the sources.
type NameError struct {
	Name   string // the name as written
	From   string // for a relative name: the template it is relative to
	Reason string
}

func (e *NameError) Error() string {
	if e.From != "" {
		return fmt.Sprintf("invalid template name %q in %q: %s", e.Name, e.From, e.Reason)
	}
	return fmt.Sprintf("invalid template name %q: %s", e.Name, e.Reason)
}

// Loader loads templates from its sources, searched in order, and caches
// each compiled template. It is safe for concurrent use.
type Loader struct {
	sources []fs.FS
	compile func(name, src string) (*compiler.Result, error)
	cfg     config

	// group makes concurrent first requests for a name share one compile.
	group singleflight.Group

	mu       sync.RWMutex
	cache    map[string]*entry  // compiled templates and cached errors
	inflight map[string]*flight // compiles running now, by name
	// deps, rdeps and rel are made on first use.
	deps  map[string][]string // static references of cached templates
	rdeps map[string][]string // name -> cached templates that reference it
	rel   map[relKey]string   // resolved relative names
	// peeked are sources that Source read for templates not compiled
	// then (a compiler looking into what a template includes), kept for
	// the compile that usually follows, so that it does not read them
	// again; a later Source keeps what it reads instead, an invalidation
	// drops them all, and generation counts invalidations, so that a
	// read one overtook is not kept.
	peeked     map[string]string
	generation uint64

	watchMu sync.Mutex // guards w and closed
	w       *watcher
	closed  bool
}

type entry struct {
	res *compiler.Result
	err error
	// stopped: the compile stopped because the context it ran with
	// ended; such an entry is not cached.
	stopped bool
}

// flight is one compile; an invalidation while it runs marks it stale, so
// that its result, read before the change, is not cached.
type flight struct{ stale bool }

type relKey struct{ name, from string }

type config struct {
	logger     *slog.Logger
	debounce   time.Duration
	onReload   func(names []string)
	resolve    func(name, from string) (string, error)
	maxSize    int
	compileCtx func(ctx context.Context, name, src string) (*compiler.Result, error)
}

// DefaultMaxSourceSize is how long a template source may be unless
// WithMaxSourceSize says otherwise: 16 MiB.
const DefaultMaxSourceSize = 16 << 20

// WithMaxSourceSize sets how many bytes a template source may have
// (DefaultMaxSourceSize by default; n <= 0 keeps it): a longer one is
// an error naming the template, read no further than the limit.
func WithMaxSourceSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxSize = n
		}
	}
}

// WithCompileContext sets a compile function that takes the context of
// the request that needs the template (GetContext, Load), to be used
// instead of New's: a compile whose context ends stops, and its error is
// not cached.
func WithCompileContext(compile func(ctx context.Context, name, src string) (*compiler.Result, error)) Option {
	return func(c *config) { c.compileCtx = compile }
}

// An Option configures a Loader.
type Option func(*config)

// WithResolver makes fn turn every name that a template asks for
// (extends, include, import, ssi) into the name of a source, given the
// name of the template that asks: for dialects whose names are relative
// to the including file (pongo2's). Without it, "./" and "../" names are
// relative (Resolve) and the others are names from the sources' root.
func WithResolver(fn func(name, from string) (string, error)) Option {
	return func(c *config) { c.resolve = fn }
}

// WithLogger sets where the watcher reports its errors and the templates
// it reloads (at debug level). The default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// DefaultDebounce is how long the watcher waits after a change for more
// changes before it invalidates templates: editors save with a burst of
// writes, renames and mode changes.
const DefaultDebounce = 50 * time.Millisecond

// WithDebounce sets the watcher's debounce (DefaultDebounce by default;
// d <= 0 keeps it). A steady stream of changes still invalidates at least
// every ten debounce periods.
func WithDebounce(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.debounce = d
		}
	}
}

// WithReloadHook sets a function the watcher calls after each batch of
// invalidations with the names it dropped from the cache (the changed
// files and their dependents), for example to tell a browser to reload.
// It runs on the watcher's goroutine and should return quickly.
func WithReloadHook(f func(names []string)) Option {
	return func(c *config) { c.onReload = f }
}

// New returns a loader over sources, searched in order; compile turns a
// source into a program. It does not watch anything until Watch is called.
func New(sources []fs.FS, compile func(name, src string) (*compiler.Result, error), opts ...Option) *Loader {
	l := &Loader{
		sources:  slices.Clone(sources),
		compile:  compile,
		cfg:      config{logger: slog.Default(), debounce: DefaultDebounce, maxSize: DefaultMaxSourceSize},
		cache:    map[string]*entry{},
		inflight: map[string]*flight{},
	}
	for _, o := range opts {
		o(&l.cfg)
	}
	return l
}

// Get returns the compiled template name, reading and compiling it on
// first use; concurrent first uses compile once. Later calls return the
// cached result, or the cached error, until the template is invalidated.
func (l *Loader) Get(name string) (*compiler.Result, error) {
	return l.GetContext(context.Background(), name)
}

// GetContext is Get for a caller that may stop waiting: when ctx ends
// before the template is compiled, it returns ctx's error. A compile
// started for it runs with ctx (see WithCompileContext): if ctx ends, the
// compile stops and its error is not cached, and the callers that waited
// for it with their own contexts still alive start another.
func (l *Loader) GetContext(ctx context.Context, name string) (*compiler.Result, error) {
	l.mu.RLock()
	e, ok := l.cache[name]
	l.mu.RUnlock()
	if ok {
		return e.res, e.err
	}
	// Only valid names are ever cached, so the check can wait for a miss.
	if err := CheckName(name); err != nil {
		return nil, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("compiling template %q: %w", name, err)
		}
		load := func() (any, error) { return l.load(ctx, name), nil }
		if ctx.Done() == nil {
			// Nothing to give up for: compile on this goroutine, whose
			// stack has likely grown already, instead of a new one
			// whose stack would grow (and be copied) with the parse.
			v, _, _ := l.group.Do(name, load)
			e = v.(*entry)
		} else {
			select {
			case r := <-l.group.DoChan(name, load):
				e = r.Val.(*entry)
			case <-ctx.Done():
				return nil, fmt.Errorf("compiling template %q: %w", name, ctx.Err())
			}
		}
		if !e.stopped || ctx.Err() != nil {
			return e.res, e.err
		}
		// Another caller's context stopped the compile we waited for.
	}
}

// load reads and compiles name and caches the result unless the template
// was invalidated meanwhile, or its compile stopped because ctx ended.
// Singleflight runs one load per name at a time, except that an
// invalidation lets a new one start beside the stale one, whose result is
// then returned to its callers but not cached.
func (l *Loader) load(ctx context.Context, name string) *entry {
	l.mu.Lock()
	if e, ok := l.cache[name]; ok {
		// A flight that ended between Get's read and this one stored it.
		l.mu.Unlock()
		return e
	}
	f := &flight{}
	l.inflight[name] = f
	l.mu.Unlock()

	e := l.readAndCompile(ctx, name)

	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight[name] == f {
		delete(l.inflight, name)
	}
	if !f.stale && !e.stopped {
		l.cache[name] = e
		l.link(name, e.res)
	}
	return e
}

func (l *Loader) readAndCompile(ctx context.Context, name string) (e *entry) {
	e = &entry{}
	defer func() {
		if r := recover(); r != nil {
			e.res, e.err = nil, fmt.Errorf("compiling template %q: panic: %v", name, r)
		}
	}()
	src, ok := l.takePeeked(name)
	if !ok {
		b, err := l.read(name)
		if err != nil {
			e.err = err
			return e
		}
		src = bytesString(b)
	}
	if l.cfg.compileCtx != nil {
		e.res, e.err = l.cfg.compileCtx(ctx, name, src)
		e.stopped = e.err != nil && ctx.Err() != nil && errors.Is(e.err, ctx.Err())
	} else {
		e.res, e.err = l.compile(name, src)
	}
	if e.res == nil && e.err == nil {
		e.err = fmt.Errorf("compiling template %q: no result", name)
	}
	if e.err != nil {
		e.res = nil
	}
	return e
}

// Load implements render.Loader: it returns the template name, resolving
// a name that starts with "./" or "../" against the directory of from.
func (l *Loader) Load(ctx context.Context, name, from string) (*render.Program, error) {
	name, err := l.nameFrom(name, from)
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := l.GetContext(ctx, name)
	if err != nil {
		return nil, err
	}
	return res.Program, nil
}

// Source returns the source of the template name that the template from
// asks for (resolved as Load resolves it) and its resolved name, without
// compiling it or touching the cache: for a compiler that looks into the
// templates a template includes.
func (l *Loader) Source(name, from string) (resolved, src string, err error) {
	if resolved, err = l.nameFrom(name, from); err != nil {
		return "", "", err
	}
	if err := CheckName(resolved); err != nil {
		return "", "", err
	}
	// Read every time, as the source may have changed; kept for the
	// compile, which must read what is there now too.
	l.mu.RLock()
	_, cached := l.cache[resolved]
	gen := l.generation
	l.mu.RUnlock()
	b, err := l.read(resolved)
	if err != nil {
		return resolved, "", err
	}
	src = bytesString(b)
	if !cached {
		l.mu.Lock()
		if _, kept := l.peeked[resolved]; l.generation == gen && (kept || len(l.peeked) < maxPeeked) {
			if l.peeked == nil {
				l.peeked = map[string]string{}
			}
			l.peeked[resolved] = src
		}
		l.mu.Unlock()
	}
	return resolved, src, nil
}

// bytesString is b as a string, without a copy: b is a source just read,
// which nothing writes to again.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// maxPeeked bounds how many sources Source keeps for their compiles.
const maxPeeked = 64

// takePeeked returns, and forgets, the source Source kept for name.
func (l *Loader) takePeeked(name string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	src, ok := l.peeked[name]
	if ok {
		delete(l.peeked, name)
	}
	return src, ok
}

// dropPeeked forgets the sources Source kept: they may have changed.
// l.mu is held.
func (l *Loader) dropPeeked() {
	l.generation++
	clear(l.peeked)
}

// nameFrom is the source name of name, asked for by the template from.
func (l *Loader) nameFrom(name, from string) (string, error) {
	if l.cfg.resolve != nil {
		return l.cfg.resolve(name, from)
	}
	if isRelative(name) {
		return l.resolve(name, from)
	}
	return name, nil
}

// resolve is Resolve with a cache, so that a relative include in a loop
// does not allocate on every pass.
func (l *Loader) resolve(name, from string) (string, error) {
	k := relKey{name, from}
	l.mu.RLock()
	r, ok := l.rel[k]
	l.mu.RUnlock()
	if ok {
		return r, nil
	}
	r, err := Resolve(name, from)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	if l.rel == nil {
		l.rel = map[relKey]string{}
	}
	if len(l.rel) < 1<<16 { // computed names could grow it without bound
		l.rel[k] = r
	}
	l.mu.Unlock()
	return r, nil
}

func isRelative(name string) bool {
	return strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../")
}

// Resolve returns the name a template called from refers to with name: a
// name that starts with "./" or "../" is relative to the directory of
// from, as in Django; any other name is returned as is, after CheckName.
// A relative name that leads above the root of the sources is an error.
func Resolve(name, from string) (string, error) {
	if !isRelative(name) {
		return name, CheckName(name)
	}
	if reason := badChars(name); reason != "" {
		return "", &NameError{Name: name, From: from, Reason: reason}
	}
	r := path.Join(path.Dir(from), name)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", &NameError{Name: name, From: from, Reason: "the relative name leads above the root of the template sources"}
	}
	if err := CheckName(r); err != nil {
		return "", &NameError{Name: name, From: from, Reason: fmt.Sprintf("it resolves to %q, which is not a valid name", r)}
	}
	return r, nil
}

func (l *Loader) read(name string) ([]byte, error) {
	for _, src := range l.sources {
		fi, err := fs.Stat(src, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading template %q: %w", name, err)
		}
		if fi.IsDir() {
			return nil, fmt.Errorf("reading template %q: it is a directory", name)
		}
		if !fi.Mode().IsRegular() {
			// A FIFO or a device could block the read forever.
			return nil, fmt.Errorf("reading template %q: not a regular file (%v)", name, fi.Mode().Type())
		}
		if fi.Size() > int64(l.cfg.maxSize) {
			return nil, SizeError(name, fi.Size(), l.cfg.maxSize)
		}
		b, err := readAtMost(src, name, l.cfg.maxSize, fi.Size())
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted between the two calls
		}
		if err != nil {
			return nil, fmt.Errorf("reading template %q: %w", name, err)
		}
		if len(b) > l.cfg.maxSize {
			return nil, SizeError(name, int64(len(b)), l.cfg.maxSize) // it grew, or Stat did not say
		}
		return b, nil
	}
	return nil, &NotFoundError{Name: name}
}

// readAtMost reads name from fsys, no more than max+1 bytes, into a
// buffer of the size Stat said (size) and one byte more, so that a file
// that did not change is read in one allocation.
func readAtMost(fsys fs.FS, name string, limit int, size int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := io.LimitReader(f, int64(limit)+1)
	b := make([]byte, 0, min(max(size, 0), int64(limit))+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grown past Stat's size: let append pick the room
		}
	}
}

// SizeError is the error for a template source of size bytes, longer than
// max: a syntax error list at the start of the template whose cause is a
// *render.LimitError.
func SizeError(name string, size int64, max int) error {
	msg := fmt.Sprintf("the template is longer than %d bytes", max)
	if size > int64(max) {
		msg = fmt.Sprintf("the template is %d bytes, longer than %d", size, max)
	}
	return parser.ErrorList{{
		Pos: parser.Position{Filename: name, Line: 1, Column: 1},
		Msg: msg + " (braid.WithMaxSourceSize)",
		Err: &render.LimitError{Option: "WithMaxSourceSize", Max: int64(max), Msg: msg},
	}}
}

// CheckName rejects names that are not slash-separated relative paths
// inside a source: "..", "." or empty elements, absolute paths,
// backslashes, NUL, empty names and invalid UTF-8. The error is a
// *NameError that names the template.
func CheckName(name string) error {
	reason := badChars(name)
	switch {
	case reason != "":
	case name == "":
		reason = "the name is empty"
	case name == ".":
		reason = "the name is a directory"
	case strings.HasPrefix(name, "/"):
		reason = "names are relative, not absolute paths"
	case !fs.ValidPath(name):
		reason = `names are slash-separated paths without "..", "." or empty elements`
	default:
		return nil
	}
	return &NameError{Name: name, Reason: reason}
}

func badChars(name string) string {
	switch {
	case !utf8.ValidString(name):
		return "the name is not valid UTF-8"
	case strings.IndexByte(name, 0) >= 0:
		return "the name has a NUL byte"
	case strings.IndexByte(name, '\\') >= 0:
		return "names are slash-separated: a backslash is not allowed"
	}
	return ""
}

// Compile parses and compiles source, for callers without a loader.
func Compile(name, src string, opts compiler.Options) (*compiler.Result, error) {
	return CompileContext(context.Background(), name, src, opts)
}

// CompileContext is Compile that stops soon after ctx ends, with an error
// that wraps ctx's. A source longer than opts.MaxSourceSize is a
// SizeError.
func CompileContext(ctx context.Context, name, src string, opts compiler.Options) (*compiler.Result, error) {
	if max := opts.MaxSourceSize; max > 0 && len(src) > max {
		return nil, SizeError(name, int64(len(src)), max)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("compiling template %q: %w", name, err)
	}
	popts := opts.ParseOptions()
	if ctx.Done() != nil { // a context that can never end needs no looking at
		popts = append(popts, parser.WithContext(ctx))
	}
	t, err := opts.ParsePool().Parse(name, src, popts...)
	if err != nil {
		return nil, err
	}
	return compiler.CompileContext(ctx, t, src, opts)
}

// LoadRaw returns the source of the named file without compiling it, for
// {% ssi %} (a file included as text). Names are checked and resolved as
// for Load; the file is read on every call (ssi output is not cached).
func (l *Loader) LoadRaw(_ context.Context, name, from string) (string, error) {
	name, err := l.nameFrom(name, from)
	if err != nil {
		return "", err
	}
	if err := CheckName(name); err != nil {
		return "", err
	}
	b, err := l.read(name)
	return string(b), err
}
