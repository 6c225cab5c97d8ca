package pongo2

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/render"
)

// FilterFunction is a filter: the value and the filter's argument (a nil
// Value without one), the result or an error.
type FilterFunction func(in *Value, param *Value) (out *Value, err *Error)

// The registries of filters and tags are global, as pongo2's: the one
// place compat keeps package state, because pongo2's API is this.
var (
	registryMu sync.RWMutex
	filterFns  = map[string]FilterFunction{}
	// generation counts changes to the registries: a set makes its engine
	// again after one.
	generation atomic.Int64
	builtins   = filters.Pongo2Builtins()
)

// FilterExists reports whether a filter of that name exists (built in or
// registered).
func FilterExists(name string) bool {
	registryMu.RLock()
	defer registryMu.RUnlock()
	_, ok := filterFns[name]
	return ok || builtins[name] != nil
}

// RegisterFilter adds a filter; a name in use is an error.
func RegisterFilter(name string, fn FilterFunction) error {
	if FilterExists(name) {
		return fmt.Errorf("filter with name '%s' is already registered", name)
	}
	registryMu.Lock()
	filterFns[name] = fn
	registryMu.Unlock()
	generation.Add(1)
	return nil
}

// ReplaceFilter replaces a filter that exists.
func ReplaceFilter(name string, fn FilterFunction) error {
	if !FilterExists(name) {
		return fmt.Errorf("filter with name '%s' does not exist (therefore cannot be overridden)", name)
	}
	registryMu.Lock()
	filterFns[name] = fn
	registryMu.Unlock()
	generation.Add(1)
	return nil
}

// MustApplyFilter is ApplyFilter, panicking on an error.
func MustApplyFilter(name string, value *Value, param *Value) *Value {
	v, err := ApplyFilter(name, value, param)
	if err != nil {
		panic(err)
	}
	return v
}

// ApplyFilter applies the filter name to value, with param (nil for none).
func ApplyFilter(name string, value *Value, param *Value) (*Value, *Error) {
	registryMu.RLock()
	fn, ok := filterFns[name]
	registryMu.RUnlock()
	if ok {
		if value == nil {
			value = AsValue(nil)
		}
		if param == nil {
			param = AsValue(nil)
		}
		return fn(value, param)
	}
	if builtins[name] == nil {
		return nil, &Error{Sender: "applyfilter", OrigError: fmt.Errorf("filter with name '%s' not found", name)}
	}
	src := "{{ v|" + name + " }}"
	data := map[string]any{"v": value.unwrap()}
	if param != nil && !param.IsNil() {
		src, data["p"] = "{{ v|"+name+":p }}", param.unwrap()
	}
	tpl, err := builtinTemplate(src)
	if err == nil {
		var out string
		if out, err = tpl.RenderString(context.Background(), data); err == nil {
			return AsValue(out), nil
		}
	}
	return nil, &Error{Sender: "applyfilter", OrigError: err}
}

// applyEngine compiles ApplyFilter's one-filter templates, each once
// (builtinTemplates): a built-in filter applied from Go does not make an
// engine and compile at every call.
var (
	applyOnce        sync.Once
	applyEngine      *braid.Engine
	builtinTemplates sync.Map // source → *braid.Template
)

func builtinTemplate(src string) (*braid.Template, error) {
	if t, ok := builtinTemplates.Load(src); ok {
		return t.(*braid.Template), nil
	}
	applyOnce.Do(func() { applyEngine = braid.New(braid.WithAutoescape(false)) })
	t, err := applyEngine.FromString(src)
	if err != nil {
		return nil, err
	}
	builtinTemplates.Store(src, t)
	return t, nil
}

// registeredFilters are the registered filters as braid options (a banned
// one is refused at compile time by braid.WithBannedFilters).
func registeredFilters(banned map[string]bool) []braid.Option {
	registryMu.RLock()
	defer registryMu.RUnlock()
	var opts []braid.Option
	for name, fn := range filterFns {
		opts = append(opts, braid.WithFilter(name, &render.Filter{Arg: render.ArgOptional, Fn: adaptFilter(fn)}))
	}
	return opts
}

// adaptFilter calls a pongo2 filter from braid.
func adaptFilter(fn FilterFunction) func(*render.State, any, any) (any, error) {
	return func(_ *render.State, in, arg any) (any, error) {
		out, perr := fn(wrap(in), wrap(arg))
		if perr != nil {
			return nil, perr
		}
		if out == nil {
			return nil, errors.New("filter returned no value")
		}
		return out.unwrap(), nil
	}
}
