package pongo2

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
)

// TemplateLoader is where a set's templates come from: Abs makes a path of
// a name (base is the path of the template that asks, for relative names;
// "" for a template asked for from Go), Get reads it.
type TemplateLoader interface {
	Abs(base, name string) string
	Get(path string) (io.Reader, error)
}

// LocalFilesystemLoader loads templates from the disk: names relative to
// its base directory, or, without one, to the including template's
// directory (the working directory for a template asked for from Go).
type LocalFilesystemLoader struct {
	baseDir string
}

// NewLocalFileSystemLoader returns a loader of baseDir ("" for none); the
// directory must exist.
func NewLocalFileSystemLoader(baseDir string) (*LocalFilesystemLoader, error) {
	l := &LocalFilesystemLoader{}
	if baseDir != "" {
		if err := l.SetBaseDir(baseDir); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// MustNewLocalFileSystemLoader is NewLocalFileSystemLoader, panicking on
// an error.
func MustNewLocalFileSystemLoader(baseDir string) *LocalFilesystemLoader {
	l, err := NewLocalFileSystemLoader(baseDir)
	if err != nil {
		panic(err)
	}
	return l
}

// SetBaseDir sets the directory names are relative to; it must exist.
func (l *LocalFilesystemLoader) SetBaseDir(dir string) error {
	if !filepath.IsAbs(dir) {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		dir = abs
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("the given path '%s' is not a directory", dir)
	}
	l.baseDir = dir
	return nil
}

// Abs is the path of name.
func (l *LocalFilesystemLoader) Abs(base, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	if l.baseDir != "" {
		return filepath.Join(l.baseDir, name)
	}
	if base == "" {
		wd, err := os.Getwd()
		if err != nil {
			return name
		}
		return filepath.Join(wd, name)
	}
	return filepath.Join(filepath.Dir(base), name)
}

// Get reads the file at path.
func (l *LocalFilesystemLoader) Get(path string) (io.Reader, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}

// SandboxedFilesystemLoader is a LocalFilesystemLoader whose reads stay
// inside its base directory (through an os.Root: neither a name with ".."
// nor a symbolic link leads out).
type SandboxedFilesystemLoader struct {
	*LocalFilesystemLoader
}

// NewSandboxedFilesystemLoader returns a loader confined to baseDir.
func NewSandboxedFilesystemLoader(baseDir string) (*SandboxedFilesystemLoader, error) {
	if baseDir == "" {
		return nil, errors.New("a sandboxed loader needs a base directory")
	}
	l, err := NewLocalFileSystemLoader(baseDir)
	if err != nil {
		return nil, err
	}
	return &SandboxedFilesystemLoader{l}, nil
}

// Get reads path, which must be inside the base directory.
func (l *SandboxedFilesystemLoader) Get(p string) (io.Reader, error) {
	rel, err := filepath.Rel(l.baseDir, p)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(l.baseDir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	b, err := fs.ReadFile(root.FS(), filepath.ToSlash(rel))
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}

// FSLoader loads templates from an fs.FS (embed.FS, say): names are paths
// in it.
type FSLoader struct {
	fs fs.FS
}

// NewFSLoader returns a loader of fsys.
func NewFSLoader(fsys fs.FS) *FSLoader { return &FSLoader{fs: fsys} }

// Abs is name.
func (l *FSLoader) Abs(base, name string) string { return name }

// Get reads path from the file system.
func (l *FSLoader) Get(p string) (io.Reader, error) {
	b, err := fs.ReadFile(l.fs, p)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}

// HttpFilesystemLoader loads templates from an http.FileSystem, names
// relative to its base directory.
type HttpFilesystemLoader struct {
	fs      http.FileSystem
	baseDir string
}

// NewHttpFileSystemLoader returns a loader of httpfs.
func NewHttpFileSystemLoader(httpfs http.FileSystem, baseDir string) (*HttpFilesystemLoader, error) {
	if httpfs == nil {
		return nil, errors.New("httpfs cannot be nil")
	}
	return &HttpFilesystemLoader{fs: httpfs, baseDir: baseDir}, nil
}

// MustNewHttpFileSystemLoader is NewHttpFileSystemLoader, panicking on an
// error.
func MustNewHttpFileSystemLoader(httpfs http.FileSystem, baseDir string) *HttpFilesystemLoader {
	l, err := NewHttpFileSystemLoader(httpfs, baseDir)
	if err != nil {
		panic(err)
	}
	return l
}

// Abs is name in the base directory.
func (l *HttpFilesystemLoader) Abs(base, name string) string { return path.Join(l.baseDir, name) }

// Get opens path.
func (l *HttpFilesystemLoader) Get(p string) (io.Reader, error) {
	f, err := l.fs.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(b), nil
}
