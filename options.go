package braid

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"time"

	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/render"
)

// Option configures an Engine.
type Option func(*Engine)

// WithFS adds a source of templates; repeat it for a search path, searched
// in order (embed.FS, os.DirFS, fstest.MapFS).
//
// An os.DirFS is confined to its directory as WithDir's is: a symbolic link
// whose target lies outside the directory is refused with an error that
// names the template (loader.ErrOutsideRoot), one inside it works, and the
// directory is looked up on each read as os.DirFS does (loader.ConfinedDir).
// Other fs.FS implementations are trusted as given: braid reads whatever
// they return for a name, so confining them (to a directory, away from
// links) is up to them.
func WithFS(fsys fs.FS) Option {
	return func(e *Engine) {
		if reflect.TypeOf(fsys) == osDirFSType {
			// os.DirFS("") opens nothing: keep it so, not watched.
			if dir := reflect.ValueOf(fsys).String(); dir != "" {
				fsys = loader.ConfinedDir(dir)
			}
		}
		e.sources = append(e.sources, fsys)
	}
}

// osDirFSType is the type of what os.DirFS returns (a string kind: the
// directory), which WithFS recognises.
var osDirFSType = reflect.TypeOf(os.DirFS("."))

// WithDir adds a directory on disk as a source, confined to it: names and
// symbolic links cannot lead outside (os.Root).
func WithDir(dir string) Option {
	return func(e *Engine) {
		src, err := loader.OpenDir(dir)
		if err != nil {
			e.setErr(fmt.Errorf("braid.WithDir: %w", err))
			return
		}
		e.sources = append(e.sources, src)
	}
}

// WithAutoescape sets whether output is HTML-escaped; the default is true.
func WithAutoescape(on bool) Option {
	return func(e *Engine) { e.env.Autoescape = on }
}

// WithStringIfInvalid sets what a missing variable renders as (default "").
func WithStringIfInvalid(s string) Option {
	return func(e *Engine) { e.env.StringIfInvalid = s }
}

// WithStrict makes a missing variable a positioned error (default false).
// A missing value as the input of the default filter, or in firstof, is
// still allowed.
func WithStrict(on bool) Option {
	return func(e *Engine) { e.env.Strict = on }
}

// WithLocation sets the time zone dates are shown in (date filter, now).
func WithLocation(loc *time.Location) Option {
	return func(e *Engine) { e.env.Location = loc }
}

// WithFilter adds or replaces a filter. fn is a *render.Filter or any
// func of one argument (the value) or two (the value and the filter's
// argument, then required), after an optional context.Context (the
// render's), returning a value or a value and an error:
//
//	func(s string) string                    {{ name|shout }}
//	func(price float64, currency string) string   {{ cost|money:"EUR" }}
//	func(ctx context.Context, id int) (User, error)
//
// The value and argument are converted to the parameters' types as calls
// in templates are (render.Call); a missing variable is "" for a string
// parameter. Two shapes skip the conversion and keep the argument
// optional: func(in, arg any) (any, error), where arg is render.NoArg{}
// without one, and func(in any) any. A func of another shape is an error
// of New: Engine.Err reports it, and so does every Template and
// FromString call.
func WithFilter(name string, fn any) Option {
	return func(e *Engine) {
		f, err := adaptFilter(fn)
		if err != nil {
			e.setErr(fmt.Errorf("braid.WithFilter(%q): %w", name, err))
			return
		}
		e.ownFilters()
		e.filters[name] = f
	}
}

func (e *Engine) setErr(err error) {
	if e.err == nil {
		e.err = err
	}
}

func adaptFilter(fn any) (*render.Filter, error) {
	switch fn := fn.(type) {
	case *render.Filter:
		return fn, nil
	case render.Filter:
		return &fn, nil
	case func(any) any:
		return &render.Filter{Fn: func(_ *render.State, in, _ any) (any, error) { return fn(in), nil }}, nil
	case func(any) (any, error):
		return &render.Filter{Fn: func(_ *render.State, in, _ any) (any, error) { return fn(in) }}, nil
	case func(any, any) (any, error):
		return &render.Filter{Arg: render.ArgOptional, Fn: func(_ *render.State, in, arg any) (any, error) { return fn(in, arg) }}, nil
	case func(string) string:
		return &render.Filter{Fn: func(_ *render.State, in, _ any) (any, error) { return fn(render.String(in)), nil }}, nil
	}
	return reflectFilter(fn)
}

// reflectFilter adapts any other func of one or two arguments (after an
// optional context.Context), returning a value and optionally an error:
// its input and argument are converted to the parameters' types as calls
// in templates are (render.Call), a missing variable being "" for a
// string parameter. With two parameters the filter needs its argument.
func reflectFilter(fn any) (*render.Filter, error) {
	ft := reflect.TypeOf(fn)
	if ft == nil || ft.Kind() != reflect.Func {
		return nil, fmt.Errorf("unsupported filter type %T: want a func of one or two arguments, or a *render.Filter", fn)
	}
	in := ft.NumIn()
	first := 0
	if in > 0 && ft.In(0) == reflect.TypeFor[context.Context]() {
		first = 1
	}
	params := in - first
	if ft.IsVariadic() || params < 1 || params > 2 {
		return nil, fmt.Errorf("filter %s: want one argument (the value) or two (the value and the filter's argument), after an optional context.Context", ft)
	}
	switch {
	case ft.NumOut() == 1 && ft.Out(0) != errorType:
	case ft.NumOut() == 2 && ft.Out(1) == errorType:
	default:
		return nil, fmt.Errorf("filter %s: want it to return a value, or a value and an error", ft)
	}
	stringIn := make([]bool, in)
	for i := first; i < in; i++ {
		stringIn[i-first] = ft.In(i).Kind() == reflect.String
	}
	f := &render.Filter{Fn: func(s *render.State, v, arg any) (any, error) {
		args := []any{v, arg}[:params]
		for i, a := range args {
			if _, missing := a.(render.Undefined); missing && stringIn[i] {
				args[i] = ""
			}
		}
		return render.Call(s.Ctx, fn, args)
	}}
	if params == 2 {
		f.Arg = render.ArgRequired
	}
	return f, nil
}

var errorType = reflect.TypeFor[error]()

// Dialect is a template language braid renders: Django's (the default) or
// pongo2's, for compat/pongo2.
type Dialect int

const (
	// Django is Django's template language, with Django's output.
	Django Dialect = iota
	// Pongo2 is pongo2's where it differs from Django's: whitespace
	// control ({%- -%}, {{- -}}), string literals escaped like any string,
	// {{ block.Super }}, nil printed as "", floats with six decimals, a
	// time.Time by its String method, only strings escaped, arithmetic
	// and comparisons on Go values (1/2 is 0), pongo2's filters and lorem
	// text, static includes loaded when compiling, its error messages
	// (compat/pongo2's documentation lists every difference).
	Pongo2
)

// WithDialect sets the template language's dialect (default Django).
func WithDialect(d Dialect) Option {
	return func(e *Engine) { e.dialect = d }
}

// WithTrimBlocks removes the first newline after each {% %} tag, as
// pongo2's and Jinja's trim_blocks (default off: Django keeps it).
func WithTrimBlocks(on bool) Option { return func(e *Engine) { e.trimBlocks = on } }

// WithLStripBlocks removes the spaces and tabs just before each {% %} tag,
// as pongo2's lstrip_blocks (default off).
func WithLStripBlocks(on bool) Option { return func(e *Engine) { e.lstripBlocks = on } }

// WithNameResolver makes fn turn every template name a template asks for
// ({% extends %}, {% include %}, {% import %}, {% ssi %}) into the name of
// a source, given the name of the template that asks: for names relative
// to the including file, as pongo2's are (compat/pongo2 uses it). Without
// it, "./" and "../" names are relative to the including template and the
// others name a template from the sources' root, as in Django.
func WithNameResolver(fn func(name, from string) (string, error)) Option {
	return func(e *Engine) { e.resolve = fn }
}

// WithURLResolver sets how {% url "name" args… %} becomes a path: fn gets
// the route name, positional and keyword arguments. Without it, {% url %}
// is an error.
func WithURLResolver(fn func(name string, args []any, kwargs map[string]any) (string, error)) Option {
	return func(e *Engine) { e.env.URLResolver = fn }
}
