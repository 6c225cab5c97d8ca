package pongo2

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/braidtpl/braid"
)

// TemplateSet is a group of templates with their own loaders, globals and
// settings (web pages, say, apart from e-mails). Its templates render
// through one braid engine, made when its first template is compiled
// (after that, bans no longer change).
type TemplateSet struct {
	name    string
	loaders []TemplateLoader

	// Globals are data every template of the set sees.
	Globals Context
	// Debug logs ExecutionContext.Logf and makes FromCache not cache.
	Debug bool
	// Options are the set's template options.
	Options *Options

	mu            sync.Mutex
	bannedTags    map[string]bool
	bannedFilters map[string]bool
	cache         map[string]*Template
	eng           *braid.Engine             // for templates without options
	engGen        int64                     // the registries' generation eng was made with
	optEngs       map[Options]*braid.Engine // for templates with TrimBlocks or LStripBlocks
}

// Options are a template's whitespace settings.
type Options struct {
	// TrimBlocks removes the first newline after a tag.
	TrimBlocks bool
	// LStripBlocks removes spaces and tabs before a tag at the start of a
	// line.
	LStripBlocks bool
}

// Update copies other's options into o and returns o.
func (o *Options) Update(other *Options) *Options {
	o.TrimBlocks, o.LStripBlocks = other.TrimBlocks, other.LStripBlocks
	return o
}

// NewSet returns a set over loaders (at least one).
func NewSet(name string, loaders ...TemplateLoader) *TemplateSet {
	if len(loaders) == 0 {
		panic(errors.New("at least one template loader must be specified"))
	}
	return &TemplateSet{
		name: name, loaders: loaders, Globals: Context{}, Options: &Options{},
		bannedTags: map[string]bool{}, bannedFilters: map[string]bool{}, cache: map[string]*Template{},
	}
}

// AddLoader adds loaders after the set's.
func (set *TemplateSet) AddLoader(loaders ...TemplateLoader) {
	set.mu.Lock()
	defer set.mu.Unlock()
	set.loaders = append(set.loaders, loaders...)
	set.eng = nil
}

// BanTag forbids the tag in the set's templates (a compile error); only
// before the set's first template.
func (set *TemplateSet) BanTag(name string) error {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.eng != nil {
		return errors.New("you cannot ban any tags after you've added your first template to your template set")
	}
	if _, ok := lookupTag(name); !ok && !builtinTags[name] {
		return fmt.Errorf("tag '%s' not found", name)
	}
	if set.bannedTags[name] {
		return fmt.Errorf("tag '%s' is already banned", name)
	}
	set.bannedTags[name] = true
	return nil
}

// BanFilter forbids the filter in the set's templates (a compile error);
// only before the set's first template.
func (set *TemplateSet) BanFilter(name string) error {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.eng != nil {
		return errors.New("you cannot ban any filters after you've added your first template to your template set")
	}
	if !FilterExists(name) {
		return fmt.Errorf("filter '%s' not found", name)
	}
	if set.bannedFilters[name] {
		return fmt.Errorf("filter '%s' is already banned", name)
	}
	set.bannedFilters[name] = true
	return nil
}

// CleanCache forgets the templates FromCache compiled, the named ones or
// all.
func (set *TemplateSet) CleanCache(filenames ...string) {
	set.mu.Lock()
	defer set.mu.Unlock()
	if len(filenames) == 0 {
		set.cache = map[string]*Template{}
		return
	}
	for _, name := range filenames {
		delete(set.cache, set.resolveName("", name))
	}
}

func (set *TemplateSet) logf(format string, args ...any) {
	if set.Debug {
		log.Printf("[pongo2:%s] "+format, append([]any{set.name}, args...)...)
	}
}

// engine is the set's braid engine, made now if needed. set.mu is held.
func (set *TemplateSet) engine() *braid.Engine {
	gen := generation.Load()
	if set.eng != nil && set.engGen == gen {
		return set.eng
	}
	set.eng, set.engGen, set.optEngs = set.newEngine(Options{}), gen, nil
	return set.eng
}

// engineFor is the set's engine for templates with opts. set.mu is held.
func (set *TemplateSet) engineFor(opts Options) *braid.Engine {
	eng := set.engine()
	if opts == (Options{}) {
		return eng
	}
	if e, ok := set.optEngs[opts]; ok {
		return e
	}
	if set.optEngs == nil {
		set.optEngs = map[Options]*braid.Engine{}
	}
	e := set.newEngine(opts)
	set.optEngs[opts] = e
	return e
}

func (set *TemplateSet) newEngine(o Options) *braid.Engine {
	opts := []braid.Option{
		braid.WithFS(loaderFS{set}),
		braid.WithNameResolver(set.resolve),
		braid.WithAutoescape(autoescape.Load()),
		braid.WithDialect(braid.Pongo2),
		braid.WithTrimBlocks(o.TrimBlocks),
		braid.WithLStripBlocks(o.LStripBlocks),
	}
	opts = append(opts, registeredFilters(set.bannedFilters)...)
	opts = append(opts, registeredTags(set.bannedTags)...)
	// pongo2 has no {% debug %} restriction; bans are compile errors.
	opts = append(opts, braid.WithDebugTag(true), braid.WithBannedTags(keys(set.bannedTags)...), braid.WithBannedFilters(keys(set.bannedFilters)...))
	return braid.New(opts...)
}

// Source names. braid asks its file system for names, which fs.FS wants
// relative and clean: a path a loader's Abs made is kept as "@/" + the
// path without its leading "/" when absolute, "@." + the path otherwise.
func encodeName(p string) string {
	if strings.HasPrefix(p, "/") {
		return "@/" + strings.TrimLeft(p, "/")
	}
	return "@./" + p
}

// displayName is the path a source name stands for, as errors show it.
func displayName(name string) string {
	switch {
	case strings.HasPrefix(name, "@/"):
		return "/" + name[2:]
	case strings.HasPrefix(name, "@./"):
		return name[3:]
	}
	return name
}

// resolve is the set's name resolver: a name that the template from asks
// for, by the first loader that has it (pongo2's resolveTemplate). A
// template compiled from a string has no path: its names are the loaders'
// own.
func (set *TemplateSet) resolve(name, from string) (string, error) {
	base := ""
	if strings.HasPrefix(from, "@") {
		base = displayName(from)
	}
	return set.resolveName(base, name), nil
}

func (set *TemplateSet) resolveName(base, name string) string {
	var first string
	for i, l := range set.loaders {
		p := l.Abs(base, name)
		if i == 0 {
			first = p
		}
		if r, err := l.Get(p); err == nil {
			if c, ok := r.(io.Closer); ok {
				c.Close()
			}
			return encodeName(p)
		}
	}
	return encodeName(first)
}

// loaderFS is a set's loaders as the file system braid reads: a name is
// what encodeName made.
type loaderFS struct{ set *TemplateSet }

func (f loaderFS) Open(name string) (fs.File, error) {
	p := displayName(name)
	var lastErr error = fs.ErrNotExist
	for _, l := range f.set.loaders {
		r, err := l.Get(p)
		if err != nil {
			lastErr = err
			continue
		}
		b, err := io.ReadAll(r)
		if c, ok := r.(io.Closer); ok {
			c.Close()
		}
		if err != nil {
			return nil, err
		}
		return fstest.MapFS{"t": {Data: b}}.Open("t")
	}
	if errors.Is(lastErr, fs.ErrNotExist) {
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
	return nil, lastErr
}

// FromString compiles a template from source (named "<string>").
func (set *TemplateSet) FromString(tpl string) (*Template, error) {
	set.mu.Lock()
	eng := set.engine()
	set.mu.Unlock()
	t, err := eng.Compile("<string>", tpl)
	if err != nil {
		return nil, fromBraid(err, nil, "parser")
	}
	nt := set.newTemplate(t, "<string>")
	nt.src, nt.isString = tpl, true
	return nt, nil
}

// FromBytes compiles a template from source.
func (set *TemplateSet) FromBytes(tpl []byte) (*Template, error) { return set.FromString(string(tpl)) }

// FromFile compiles the template a loader finds at filename.
func (set *TemplateSet) FromFile(filename string) (*Template, error) {
	set.mu.Lock()
	eng := set.engine()
	name := set.resolveName("", filename)
	set.mu.Unlock()
	t, err := eng.Template(name)
	if err != nil {
		e := fromBraid(err, nil, "fromfile")
		if pe, ok := e.(*Error); ok && pe.Line == 0 && errors.Is(err, fs.ErrNotExist) {
			pe.Filename, pe.OrigError = displayName(name), fmt.Errorf("open %s: no such file or directory", displayName(name))
		}
		return nil, e
	}
	nt := set.newTemplate(t, displayName(name))
	nt.name = name
	return nt, nil
}

// FromCache is FromFile, compiled once (unless the set has Debug on).
func (set *TemplateSet) FromCache(filename string) (*Template, error) {
	if set.Debug {
		return set.FromFile(filename)
	}
	set.mu.Lock()
	key := set.resolveName("", filename)
	t, ok := set.cache[key]
	set.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := set.FromFile(filename)
	if err != nil {
		return nil, err
	}
	set.mu.Lock()
	set.cache[key] = t
	set.mu.Unlock()
	return t, nil
}

// RenderTemplateString compiles s and renders it with ctx.
func (set *TemplateSet) RenderTemplateString(s string, ctx Context) (string, error) {
	t, err := set.FromString(s)
	if err != nil {
		return "", err
	}
	return t.Execute(ctx)
}

// RenderTemplateBytes compiles b and renders it with ctx.
func (set *TemplateSet) RenderTemplateBytes(b []byte, ctx Context) (string, error) {
	return set.RenderTemplateString(string(b), ctx)
}

// RenderTemplateFile renders the cached template at name with ctx.
func (set *TemplateSet) RenderTemplateFile(name string, ctx Context) (string, error) {
	t, err := set.FromCache(name)
	if err != nil {
		return "", err
	}
	return t.Execute(ctx)
}

func (set *TemplateSet) newTemplate(t *braid.Template, display string) *Template {
	opts := &Options{}
	opts.Update(set.Options)
	return &Template{set: set, tpl: t, display: display, Options: opts, compiled: *opts}
}

var (
	// DefaultLoader loads templates from the working directory.
	DefaultLoader = MustNewLocalFileSystemLoader("")
	// DefaultSet is the set of the package's functions.
	DefaultSet = NewSet("default", DefaultLoader)

	// FromString, FromBytes, FromFile, FromCache and the RenderTemplate
	// functions are DefaultSet's.
	FromString           = DefaultSet.FromString
	FromBytes            = DefaultSet.FromBytes
	FromFile             = DefaultSet.FromFile
	FromCache            = DefaultSet.FromCache
	RenderTemplateString = DefaultSet.RenderTemplateString
	RenderTemplateBytes  = DefaultSet.RenderTemplateBytes
	RenderTemplateFile   = DefaultSet.RenderTemplateFile

	// Globals are DefaultSet's globals.
	Globals = DefaultSet.Globals
)

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
