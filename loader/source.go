package loader

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"
)

// DirSource is a directory on disk as a source of templates. A watching
// loader (see Watch) watches it, recursively.
//
// OpenDir and ConfinedDir make one whose reads go through an os.Root, so
// that neither a name nor a symbolic link can lead outside the directory.
type DirSource struct {
	fs.FS        // reads, relative to Path
	Path  string // the directory on disk, for the watcher
}

// ErrOutsideRoot is the error (inside an *fs.PathError) of reading a name
// of a confined DirSource that a symbolic link leads outside its
// directory.
var ErrOutsideRoot = errors.New("a symbolic link leads outside the template directory")

// OpenDir returns dir as a source confined to it with os.Root, opened now:
// the directory must exist.
func OpenDir(dir string) (*DirSource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &DirSource{FS: root.FS(), Path: filepath.Clean(dir)}, nil
}

// ConfinedDir returns dir as a source that reads what os.DirFS(dir) reads,
// confined as OpenDir's is: each call opens an os.Root at dir, so, as with
// os.DirFS, dir is looked up anew every time (it need not exist yet, and
// may be replaced), and, as with OpenDir, a symbolic link whose target
// lies outside dir is refused (ErrOutsideRoot); one inside it is followed.
func ConfinedDir(dir string) *DirSource {
	return &DirSource{FS: rootedDir(dir), Path: filepath.Clean(dir)}
}

// ReadFile reads the named file through the underlying FS.
func (d *DirSource) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(d.FS, name)
	return b, outside(err)
}

// Stat describes the named file through the underlying FS.
func (d *DirSource) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(d.FS, name)
	return fi, outside(err)
}

// ReadDir lists the named directory through the underlying FS.
func (d *DirSource) ReadDir(name string) ([]fs.DirEntry, error) {
	des, err := fs.ReadDir(d.FS, name)
	return des, outside(err)
}

// outside names os.Root's refusal of a path that escapes it in words a
// template author understands. (os does not export that error; its text
// is the one of os.Root on every platform.)
func outside(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "path escapes from parent" {
		return &fs.PathError{Op: pe.Op, Path: pe.Path, Err: ErrOutsideRoot}
	}
	return err
}

// rootedDir is ConfinedDir's file system: the directory at this path on
// disk, read through an os.Root opened for each call. A file it opens
// stays open after its root is closed.
type rootedDir string

func (d rootedDir) Open(name string) (fs.File, error) {
	var f fs.File
	err := d.do(func(r *os.Root) (err error) {
		f, err = r.FS().Open(name)
		return err
	})
	return f, err
}

func (d rootedDir) Stat(name string) (fs.FileInfo, error) {
	var fi fs.FileInfo
	err := d.do(func(r *os.Root) (err error) {
		fi, err = fs.Stat(r.FS(), name)
		return err
	})
	return fi, err
}

func (d rootedDir) ReadFile(name string) ([]byte, error) {
	var b []byte
	err := d.do(func(r *os.Root) (err error) {
		b, err = fs.ReadFile(r.FS(), name)
		return err
	})
	return b, err
}

func (d rootedDir) ReadDir(name string) ([]fs.DirEntry, error) {
	var des []fs.DirEntry
	err := d.do(func(r *os.Root) (err error) {
		des, err = fs.ReadDir(r.FS(), name)
		return err
	})
	return des, err
}

// do runs f on a root opened at d.
func (d rootedDir) do(f func(*os.Root) error) error {
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return err
	}
	defer r.Close()
	return f(r)
}

// MapSource returns an in-memory source of templates, name to source, for
// tests and examples. It is never watched: call Invalidate after changing
// it, if it is changed at all.
func MapSource(m map[string]string) fs.FS {
	fsys := fstest.MapFS{}
	for name, src := range m {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}
