// Package braid renders Django templates over Go data, streaming the
// output in order.
//
//	eng := braid.New(braid.WithFS(templates))
//	tpl, err := eng.Template("page.html")
//	err = tpl.Render(ctx, w, map[string]any{"user": u})
//
// An Engine owns its options, filters and compiled templates; engines in
// one process never share state, and each is safe for concurrent renders.
package braid

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/internal/stdlib"
	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Engine compiles and renders templates. Make one with New.
type Engine struct {
	env     render.Env
	filters map[string]*render.Filter
	sources []fs.FS
	loader  *loader.Loader
	reload  reloadConfig // WithHotReload, WithLogger
	err     error        // the first bad option, reported by Template and FromString
	strings atomic.Int64
	outs    sync.Pool // of *render.Out, so a render does not allocate its buffer
	stats   func(name string, st Stats)
	// tags and libraries are the custom tags (WithTag, WithLibrary);
	// copts is what every compile gets.
	tags       map[string]Tag
	libraries  map[string]*compiler.Library
	static     StaticConfig
	languages  []Language
	cacheStore CacheStore
	copts      compiler.Options
	resolve    func(name, from string) (string, error) // WithNameResolver
	dialect    Dialect
	// trimBlocks and lstripBlocks: WithTrimBlocks, WithLStripBlocks.
	trimBlocks, lstripBlocks bool
	// sandbox is what WithBannedTags, WithBannedFilters, WithDebugTag,
	// WithMethodCalls, WithMaxNesting and WithMaxSourceSize set, copied
	// into copts.
	sandbox compiler.Options
	// popts are copts' parser options; stateWords and stateMemo are for
	// includedState (includes.go).
	popts      []parser.Option
	stateWords []string
	stateMemo  stateMemo
}

// New makes an engine. Bad options (a directory that cannot be opened, a
// filter of an unsupported shape) are reported by the first Template or
// FromString call.
func New(opts ...Option) *Engine {
	// filters and tags stay nil until an option adds to them: an engine
	// without filters or tags of its own shares the built-in tables.
	e := &Engine{
		env:     render.Env{Autoescape: true, Concurrency: DefaultConcurrency},
		sandbox: compiler.Options{MaxSourceSize: DefaultMaxSourceSize},
	}
	for _, o := range opts {
		o(e)
	}
	if e.dialect == Pongo2 {
		e.ownFilters()
		// pongo2's versions of the filters it defines otherwise, where
		// the options did not put filters of their own (Builtins' filters
		// are the same values in every table).
		base := filters.Builtins()
		for name, f := range filters.Pongo2Filters() {
			if cur, ok := e.filters[name]; !ok || cur == base[name] {
				e.filters[name] = f
			}
		}
	}
	if e.filters == nil {
		e.filters = sharedFilters()
	}
	if e.tags == nil {
		e.tags = sharedTags()
	}
	e.standardLibraries()
	e.copts = e.sandbox
	e.copts.Filters, e.copts.Tags, e.copts.Libraries = e.filters, e.tags, e.libraries
	e.copts.Pongo2, e.copts.TrimBlocks, e.copts.LStripBlocks = e.dialect == Pongo2, e.trimBlocks, e.lstripBlocks
	e.copts.IncludedState = e.includedState
	if e.dialect == Pongo2 {
		e.copts.IncludeMissing = e.includeMissing // pongo2 loads includes when it compiles
	}
	e.env.Methods = e.copts.Methods
	if err := e.copts.Check(); err != nil {
		e.setErr(fmt.Errorf("braid: %w", err))
	}
	e.copts.Prepare()
	e.popts, e.stateWords = e.copts.ParseOptions(), e.stateWordsOf()
	e.env.PrintTime = func(t time.Time) string {
		// Django localizes a datetime that {{ }} prints: DATETIME_FORMAT
		// (in the template's time zone: render converts it first).
		return filters.DateFormat(t, "N j, Y, P")
	}
	if e.dialect == Pongo2 {
		e.env.Pongo2 = true
		e.env.PrintTime = time.Time.String // pongo2 prints a time with fmt
	}
	e.env.Loader = e.loaderOrNil()
	return e
}

// sharedFilters and sharedTags are the built-in filters and braid's own
// tags ({% region %}: out of order, a region sent whole), made once and
// only read: the tables of every engine that adds none of its own.
var (
	sharedFilters = sync.OnceValue(filters.Builtins)
	sharedTags    = sync.OnceValue(stdlib.Tags)
)

// ownFilters gives the engine a filter table of its own to add to.
func (e *Engine) ownFilters() {
	if e.filters == nil {
		e.filters = filters.Builtins()
	}
}

// ownTags gives the engine a tag table of its own to add to.
func (e *Engine) ownTags() {
	if e.tags == nil {
		e.tags = stdlib.Tags()
	}
}

// Err reports what is wrong with the engine's options (a filter or tag of
// a shape it cannot call, say), or nil; Template and FromString return the
// same error.
func (e *Engine) Err() error { return e.err }

func (e *Engine) loaderOrNil() render.Loader {
	e.loader = e.newLoader()
	return e.loader
}

// Close releases the engine's resources: it stops the hot-reload watcher,
// if any, and waits for its goroutine, returning the error of closing it.
// The engine must not be used after.
func (e *Engine) Close() error {
	if e.loader == nil {
		return nil
	}
	return e.loader.Close()
}

// CompilerOptions returns what the engine compiles every template with:
// its filters, its tags and its tag libraries, Django's standard ones
// included, and the error of the first bad option, if any. It is for
// tools that must compile templates exactly as the engine does without
// rendering them (cmd/tplcheck parses with Options.ParseOptions and
// compiles with compiler.Compile, keeping the syntax tree). The maps are
// the engine's own: do not change them.
func (e *Engine) CompilerOptions() (compiler.Options, error) {
	return e.copts, e.err
}

func (e *Engine) compile(name, src string) (*compiler.Result, error) {
	return e.compileContext(context.Background(), name, src)
}

func (e *Engine) compileContext(ctx context.Context, name, src string) (*compiler.Result, error) {
	return loader.CompileContext(ctx, name, src, e.copts)
}

// Template returns the named template from the engine's sources, compiled
// on first use and cached.
//
// "page.html#card" names the partial card of page.html (Django 6.0's
// syntax): the template returned renders just that fragment.
//
// A template that no source has is a *Error naming it, for which
// errors.Is(err, fs.ErrNotExist) holds.
func (e *Engine) Template(name string) (*Template, error) {
	return e.TemplateContext(context.Background(), name)
}

// TemplateContext is Template for a caller that may give up: when ctx
// ends before the template is compiled, it returns an error that wraps
// ctx's, and a compile it started stops soon after (compiling is linear
// in the source, see WithMaxSourceSize; this bounds it in time too). An
// error of a stopped compile is not cached: the next call compiles again.
func (e *Engine) TemplateContext(ctx context.Context, name string) (*Template, error) {
	if e.err != nil {
		return nil, e.err
	}
	if i := strings.LastIndexByte(name, '#'); i >= 0 {
		t, err := e.TemplateContext(ctx, name[:i])
		if err != nil {
			return nil, err
		}
		return t.Partial(name[i+1:])
	}
	res, err := e.loader.GetContext(ctx, name)
	if err != nil {
		var syntax parser.ErrorList // a compile error can name a missing template (IncludeMissing)
		if errors.Is(err, fs.ErrNotExist) && !errors.As(err, &syntax) {
			return nil, &Error{Template: name, Msg: "no such template in the engine's sources", Err: quiet{err}}
		}
		return nil, toError(err)
	}
	// One *Template per compiled result, so a cached lookup allocates
	// nothing.
	if t, ok := res.Handle.Load().(*Template); ok {
		return t, nil
	}
	t := &Template{eng: e, prog: res.Program, facts: &res.Facts}
	if !res.Handle.CompareAndSwap(nil, t) {
		t = res.Handle.Load().(*Template)
	}
	return t, nil
}

// FromString compiles a template from source, named "string#N" in its
// errors. It may extend and include templates from the engine's sources.
func (e *Engine) FromString(src string) (*Template, error) {
	return e.FromStringContext(context.Background(), src)
}

// FromStringContext is FromString that stops compiling soon after ctx
// ends, with an error that wraps ctx's.
func (e *Engine) FromStringContext(ctx context.Context, src string) (*Template, error) {
	return e.CompileContext(ctx, fmt.Sprintf("string#%d", e.strings.Add(1)), src)
}

// Compile compiles src as a template named name: the name its errors
// give, and the one relative names in it ("./header.html") start from. It
// is not cached, and does not replace the engine's template of that name.
func (e *Engine) Compile(name, src string) (*Template, error) {
	return e.CompileContext(context.Background(), name, src)
}

// CompileContext is Compile that stops compiling soon after ctx ends.
func (e *Engine) CompileContext(ctx context.Context, name, src string) (*Template, error) {
	if e.err != nil {
		return nil, e.err
	}
	res, err := e.compileContext(ctx, name, src)
	if err != nil {
		return nil, toError(err)
	}
	return &Template{eng: e, prog: res.Program, facts: &res.Facts}, nil
}

// Template is a compiled template. It is safe for concurrent renders.
type Template struct {
	eng   *Engine
	prog  *render.Program
	facts *compiler.Facts
}

// Partial returns a template that renders only the partial name of t
// ({% partialdef name %}), for HTMX-style fragment responses.
func (t *Template) Partial(name string) (*Template, error) {
	p, ok := t.prog.Partials[name]
	if !ok {
		return nil, fmt.Errorf("%s: no partial named %q (defined with {%% partialdef %%})", t.prog.Name, name)
	}
	return &Template{eng: t.eng, prog: p, facts: t.facts}, nil
}

// RenderPartial renders the partial name of t with data to w.
func (t *Template) RenderPartial(ctx context.Context, w io.Writer, name string, data map[string]any) error {
	p, err := t.Partial(name)
	if err != nil {
		return err
	}
	return p.Render(ctx, w, data)
}

// Name is the template's name.
func (t *Template) Name() string { return t.prog.Name }

// Render renders the template with data to w. Output is written as it is
// produced; on an error, what was written is a valid prefix of the page.
// Render returns when every goroutine it started has ended, or, once ctx
// ends, within milliseconds: the error then wraps ctx's and names the
// first node still waiting, and a lazy value still running (one that
// ignores its context) is abandoned: its result is dropped and nothing
// it does later reaches w.
func (t *Template) Render(ctx context.Context, w io.Writer, data map[string]any) error {
	return t.run(ctx, w, data, "")
}

// RenderBlock renders only the block name of the template, as its
// inheritance chain resolves it (the most derived {% block name %}, with
// block.super): for fragment responses. A name that no template of the
// chain defines is an error.
func (t *Template) RenderBlock(ctx context.Context, w io.Writer, name string, data map[string]any) error {
	if name == "" {
		return &Error{Template: t.prog.Name, Msg: "RenderBlock needs a block's name"}
	}
	return t.run(ctx, w, data, name)
}

// macroClash is pongo2's refusal of data with a name that one of the
// template's exported macros has.
func (t *Template) macroClash(data map[string]any) error {
	for _, name := range slices.Sorted(maps.Keys(t.prog.Macros)) {
		if _, clash := data[name]; clash && t.prog.Macros[name].Export {
			return &Error{Template: t.prog.Name, Msg: fmt.Sprintf("context key name '%s' clashes with macro '%s'", name, name)}
		}
	}
	return nil
}

// run renders the template, or only its block (block != "").
func (t *Template) run(ctx context.Context, w io.Writer, data map[string]any, block string) error {
	if ctx == nil {
		return &Error{Template: t.prog.Name, Msg: "Render needs a context (context.Background() if there is none)"}
	}
	if t.eng.dialect == Pongo2 {
		if err := t.macroClash(data); err != nil {
			return err
		}
	}
	s := render.NewState(ctx, &t.eng.env, t.prog, data)
	out, _ := t.eng.outs.Get().(*render.Out)
	if out == nil {
		out = render.NewOut(w)
	} else {
		out.Reset(w)
	}
	out.Begin(s.Run)
	out.CountOutput(s.Run)
	s.Run.BeforeWait(out)
	err := execute(s, t.prog, out, block)
	if err != nil {
		s.Run.Cancel() // deferred nodes stop waiting
	} else {
		// The page's own walk is done: its last bytes go out as soon as
		// the nodes before them are, and (out of order) the regions
		// still waiting go at the end of the page as each is ready.
		out.Close()
	}
	// The first error of a deferred node is the render's error, unless
	// the render failed before (its error then caused the cancellation).
	if werr := s.Run.Wait(); werr != nil && (err == nil || errors.Is(err, context.Canceled) && ctx.Err() == nil) {
		err = werr
	}
	if err == nil {
		err = out.Close()
	} else {
		out.Flush() // the valid prefix; nothing after a failed node
	}
	out.Reset(nil)
	t.eng.outs.Put(out)
	if t.eng.stats != nil {
		t.eng.stats(t.prog.Name, s.Run.Stats())
	}
	if st, ok := ctx.Value(statsKey{}).(*Stats); ok && st != nil {
		*st = s.Run.Stats()
	}
	if le, ok := err.(*LimitError); ok {
		err = &Error{Template: t.prog.Name, Line: 1, Col: 1, Err: le, Source: firstLine(t.prog.Source)}
	}
	return toError(err)
}

// execute runs the program, turning a panic into an error so that Render
// still waits for the render's goroutines.
func execute(s *render.State, prog *render.Program, out *render.Out, block string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Template: s.Prog.Name, Msg: "panic while rendering", Err: fmt.Errorf("%v", r)}
		}
	}()
	if block == "" {
		err = compiler.Execute(s, prog, out)
	} else {
		var found bool
		found, err = compiler.ExecuteBlock(s, prog, block, out)
		if err == nil && !found {
			err = &Error{Template: prog.Name, Msg: fmt.Sprintf("no block named %q in the template or those it extends", block)}
		}
	}
	if le, ok := err.(*LimitError); ok {
		// Past a limit where no node says where (text the compiler
		// joined, say): the template's start.
		err = &Error{Template: prog.Name, Line: 1, Col: 1, Err: le, Source: firstLine(prog.Source)}
	}
	return err
}

// firstLine is the first line of src.
func firstLine(src string) string {
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		return src[:i]
	}
	return src
}

// RenderString renders the template with data and returns the output.
func (t *Template) RenderString(ctx context.Context, data map[string]any) (string, error) {
	var b strings.Builder
	err := t.Render(ctx, &b, data)
	return b.String(), err
}

// Error is a positioned template error: a syntax or compile error, or a
// failure while rendering, with the template's name, line and column.
type Error = render.Error

// NotFoundError is the error (inside an Error) of a template name that
// none of the engine's sources has: Name is the name as resolved.
type NotFoundError = loader.NotFoundError

// SafeString is a string that is never escaped again.
type SafeString = render.SafeString

// Safe marks s as safe HTML: autoescaping leaves it as is.
func Safe(s string) SafeString { return SafeString(s) }

// toError turns syntax and compile errors into an *Error for the first of
// them, wrapping the whole list.
func toError(err error) error {
	if err == nil {
		return nil // before list, which escapes: no allocation for a render that went well
	}
	var list parser.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return err
	}
	first := list[0]
	msg := first.Msg
	if len(list) > 1 {
		msg = fmt.Sprintf("%s (and %d more errors)", msg, len(list)-1)
	}
	return &Error{Template: first.Pos.Filename, Line: first.Pos.Line, Col: first.Pos.Column, Msg: msg, Err: syntaxErrors{list}, Source: first.Line}
}

// quiet wraps an error that an Error's message already says.
type quiet struct{ err error }

func (q quiet) Error() string { return "" }
func (q quiet) Unwrap() error { return q.err }

// syntaxErrors wraps a parser.ErrorList so that Error() does not repeat it.
type syntaxErrors struct{ list parser.ErrorList }

func (s syntaxErrors) Error() string   { return "" }
func (s syntaxErrors) Unwrap() []error { return s.list.Unwrap() }

// As lets errors.As find the parser.ErrorList.
func (s syntaxErrors) As(target any) bool {
	if p, ok := target.(*parser.ErrorList); ok {
		*p = s.list
		return true
	}
	return false
}
