// Package loader finds templates by name in a search path of file
// systems, compiles each once and caches the result.
//
// It knows nothing about rendering beyond handing compiled programs to it.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

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

// Loader loads templates from its sources, searched in order, and caches
// each compiled template. It is safe for concurrent use.
type Loader struct {
	sources []fs.FS
	compile func(name, src string) (*compiler.Result, error)

	mu    sync.Mutex
	cache map[string]*entry
}

type entry struct {
	once sync.Once
	res  *compiler.Result
	err  error
}

// New returns a loader over sources; compile turns a source into a program.
func New(sources []fs.FS, compile func(name, src string) (*compiler.Result, error)) *Loader {
	return &Loader{sources: sources, compile: compile, cache: map[string]*entry{}}
}

// Get returns the compiled template name, compiling it on first use;
// concurrent first uses compile once.
func (l *Loader) Get(name string) (*compiler.Result, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	l.mu.Lock()
	e := l.cache[name]
	if e == nil {
		e = &entry{}
		l.cache[name] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		var src []byte
		src, e.err = l.read(name)
		if e.err == nil {
			e.res, e.err = l.compile(name, string(src))
		}
	})
	return e.res, e.err
}

// Load implements render.Loader.
func (l *Loader) Load(_ context.Context, name, _ string) (*render.Program, error) {
	res, err := l.Get(name)
	if err != nil {
		return nil, err
	}
	return res.Program, nil
}

func (l *Loader) read(name string) ([]byte, error) {
	for _, src := range l.sources {
		b, err := fs.ReadFile(src, name)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("reading template %q: %w", name, err)
		}
	}
	return nil, &NotFoundError{Name: name}
}

// CheckName rejects names that are not slash-separated relative paths
// inside a source: "..", absolute paths, backslashes, NUL, empty names.
func CheckName(name string) error {
	if name == "" || strings.ContainsAny(name, "\\\x00") || !fs.ValidPath(name) {
		return fmt.Errorf("invalid template name %q: names are relative slash-separated paths without ..", name)
	}
	return nil
}

// Compile parses and compiles source, for callers without a loader.
func Compile(name, src string, opts compiler.Options) (*compiler.Result, error) {
	t, err := parser.Parse(name, src)
	if err != nil {
		return nil, err
	}
	return compiler.Compile(t, src, opts)
}
