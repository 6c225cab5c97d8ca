package loader

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"
)

// DirSource is a directory on disk as a source of templates. A watching
// loader (see Watch) watches it, recursively.
//
// OpenDir makes one whose reads go through an os.Root, so that neither a
// name nor a symbolic link can lead outside the directory.
type DirSource struct {
	fs.FS        // reads, relative to Path
	Path  string // the directory on disk, for the watcher
}

// OpenDir returns dir as a source confined to it with os.Root.
func OpenDir(dir string) (*DirSource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &DirSource{FS: root.FS(), Path: filepath.Clean(dir)}, nil
}

// ReadFile reads the named file through the underlying FS.
func (d *DirSource) ReadFile(name string) ([]byte, error) { return fs.ReadFile(d.FS, name) }

// Stat describes the named file through the underlying FS.
func (d *DirSource) Stat(name string) (fs.FileInfo, error) { return fs.Stat(d.FS, name) }

// ReadDir lists the named directory through the underlying FS.
func (d *DirSource) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }

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
