package braid

import (
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

// WithFilter adds or replaces a filter. fn is a *render.Filter or a
// function of one of these shapes:
//
//	func(in any) any
//	func(in any) (any, error)
//	func(in, arg any) (any, error)   // the argument is optional: arg is render.NoArg{} without one
//	func(in string) string
func WithFilter(name string, fn any) Option {
	return func(e *Engine) {
		f, err := adaptFilter(fn)
		if err != nil {
			e.setErr(fmt.Errorf("braid.WithFilter(%q): %w", name, err))
			return
		}
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
	return nil, fmt.Errorf("unsupported filter type %T", fn)
}

// WithURLResolver sets how {% url "name" args… %} becomes a path: fn gets
// the route name, positional and keyword arguments. Without it, {% url %}
// is an error.
func WithURLResolver(fn func(name string, args []any, kwargs map[string]any) (string, error)) Option {
	return func(e *Engine) { e.env.URLResolver = fn }
}
