package braid

import (
	"fmt"
	"log/slog"

	"github.com/braidtpl/braid/loader"
)

// reloadConfig is what WithHotReload and WithLogger set.
type reloadConfig struct {
	on     bool
	logger *slog.Logger
}

// WithHotReload makes the engine watch its template directories and reload
// a template when its file changes, for development (default false).
//
// Every WithDir directory is watched recursively, directories created
// later included, and so is a WithFS source made by os.DirFS or
// loader.OpenDir. Other WithFS sources (embed.FS, fstest.MapFS) cannot be
// watched: their templates are cached for good, and a warning is logged.
//
// After a burst of changes to a file (an editor's write, rename and chmod;
// an atomic save through a temporary file; a delete) has been quiet for
// 50 ms, that template and every template that extends, includes or
// imports it, transitively, are dropped from the cache; the next request
// reads and compiles them again. A template that no longer compiles makes
// that request, and the renders of its dependents, fail with the syntax
// error at its position, until the file is fixed.
//
// A *Template keeps the version it was compiled from: renders in flight,
// and later renders of a *Template kept from before the change, use it.
// To see changes, call Engine.Template for each render (a map read when
// nothing changed). The templates that a render extends, includes or
// imports are looked up when the render reaches them, so they are always
// the newest.
//
// Errors of the watcher go to the WithLogger logger; a watcher that cannot
// start makes Template and FromString return the error. Engine.Close stops
// the watcher. Without hot reload there is no watcher, and rendering a
// cached template makes no file-system call.
func WithHotReload(on bool) Option {
	return func(e *Engine) { e.reload.on = on }
}

// WithLogger sets where the engine logs: the hot-reload watcher's errors
// and warnings, and the templates it reloads, at debug level. The default
// is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) { e.reload.logger = l }
}

// newLoader makes the engine's loader and starts its watcher for hot
// reload.
func (e *Engine) newLoader() *loader.Loader {
	opts := []loader.Option{loader.WithMaxSourceSize(e.sandbox.MaxSourceSize), loader.WithCompileContext(e.compileContext)}
	if e.reload.logger != nil {
		opts = append(opts, loader.WithLogger(e.reload.logger))
	}
	if e.resolve != nil {
		opts = append(opts, loader.WithResolver(e.resolve))
	}
	l := loader.New(e.sources, e.compile, opts...)
	if !e.reload.on || e.err != nil {
		return l
	}
	// WithDir and WithFS made every directory on disk a *loader.DirSource,
	// which Watch watches.
	if err := l.Watch(); err != nil {
		e.setErr(fmt.Errorf("braid.WithHotReload: %w", err))
	}
	return l
}
