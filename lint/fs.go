package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/braidtpl/braid/loader"
)

// tooLargeError is what reading a file over the size limit gives: the
// file is not read.
type tooLargeError struct{ size, limit int64 }

func (e *tooLargeError) Error() string {
	if e.size < 0 {
		return fmt.Sprintf("the file is larger than the limit of %d bytes (-max-size)", e.limit)
	}
	return fmt.Sprintf("the file is %d bytes, over the limit of %d (-max-size)", e.size, e.limit)
}

// limitFS reads files of at most limit bytes: a larger one is an error
// before anything is read, and a file that grows while it is read stops
// at the limit.
type limitFS struct {
	fs.FS
	limit int64
}

// limited wraps a source in limitFS, keeping a directory on disk one
// (the watcher needs its path).
func limited(fsys fs.FS, limit int64) fs.FS {
	if d, ok := fsys.(*loader.DirSource); ok {
		return &loader.DirSource{FS: limitFS{d.FS, limit}, Path: d.Path}
	}
	return limitFS{fsys, limit}
}

func (l limitFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }

func (l limitFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(l.FS, name) }

func (l limitFS) ReadFile(name string) ([]byte, error) {
	f, err := l.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > l.limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &tooLargeError{fi.Size(), l.limit}}
	}
	b, err := io.ReadAll(io.LimitReader(f, l.limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > l.limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &tooLargeError{-1, l.limit}}
	}
	return b, nil
}

// binary reports where a source has a NUL byte, which no template text
// has: -1 when it has none.
func binary(src string) int { return strings.IndexByte(src, 0) }

// errBinary is the compile error of a binary file.
var errBinary = errors.New("binary file")

// lineAt returns the line of src that holds the byte offset off.
func lineAt(src string, off int) string {
	off = min(max(off, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	return strings.TrimSuffix(src[start:end], "\r")
}
