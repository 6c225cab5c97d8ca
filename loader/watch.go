package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch starts watching the loader's sources that are directories on disk
// (*DirSource), recursively, directories created later included. When a
// file changes, is created, deleted or renamed, the loader waits for the
// burst of events to end (WithDebounce) and then invalidates the template
// of that name and, transitively, every loaded template that extends,
// includes or imports it (see Invalidate). An atomic save (write a
// temporary file, rename it over the template) is one more change.
//
// Sources that are not directories on disk (an embed.FS, an fstest.MapFS)
// cannot be watched: Watch logs a warning for each and leaves them cached
// for good. Symbolic links are not followed when watching: a template
// reached through a link to a directory is not reloaded when it changes.
//
// Errors of the watcher after Watch returns (a directory that cannot be
// watched, an event queue overflow, which invalidates everything) go to the
// logger (WithLogger). Close stops the watcher. Watch after Watch is a
// no-op; Watch after Close is an error.
func (l *Loader) Watch() error {
	l.watchMu.Lock()
	defer l.watchMu.Unlock()
	if l.closed {
		return errors.New("loader: Watch after Close")
	}
	if l.w != nil {
		return nil
	}
	log := l.cfg.logger
	var roots []watchRoot
	for i, src := range l.sources {
		d, ok := src.(*DirSource)
		if !ok {
			log.Warn("template source is not a directory on disk and is not watched: its templates are not reloaded", "source", i, "type", fmt.Sprintf("%T", src))
			continue
		}
		abs, err := filepath.Abs(d.Path)
		if err != nil {
			return fmt.Errorf("watching %s: %w", d.Path, err)
		}
		roots = append(roots, watchRoot{path: abs, fsys: d.FS})
	}
	if len(roots) == 0 {
		return nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching templates: %w", err)
	}
	w := &watcher{
		l:        l,
		fsw:      fsw,
		roots:    roots,
		dirs:     map[string]bool{},
		log:      log,
		debounce: l.cfg.debounce,
		done:     make(chan struct{}),
	}
	for _, r := range roots {
		if _, err := w.addTree(r, "."); err != nil {
			fsw.Close()
			return err
		}
	}
	w.wg.Add(1)
	go w.run()
	l.w = w
	return nil
}

// Close stops the watcher, if any, and waits for its goroutine to end,
// returning the error of closing it. The loader still serves templates
// afterwards, from its cache, without reloading them. Close is idempotent.
func (l *Loader) Close() error {
	l.watchMu.Lock()
	defer l.watchMu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	if l.w == nil {
		return nil
	}
	return l.w.close()
}

type watchRoot struct {
	path string // absolute path on disk
	fsys fs.FS  // the source's reads, for walking new directories
}

type watcher struct {
	l        *Loader
	fsw      *fsnotify.Watcher
	roots    []watchRoot
	dirs     map[string]bool // watched directories, by path on disk; owned by run after start
	log      *slog.Logger
	debounce time.Duration
	done     chan struct{}
	wg       sync.WaitGroup
}

func (w *watcher) close() error {
	close(w.done)
	err := w.fsw.Close()
	w.wg.Wait()
	return err
}

// addTree watches the directory name of root and every directory under
// it, walking through the source (so not through symbolic links), and
// returns the names of the files found, which may have been written before
// the watch was in place.
func (w *watcher) addTree(r watchRoot, name string) ([]string, error) {
	var files []string
	err := fs.WalkDir(r.fsys, name, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == name {
				return err
			}
			w.log.Warn("template watcher cannot read a directory", "dir", filepath.Join(r.path, filepath.FromSlash(p)), "err", err)
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		dir := filepath.Join(r.path, filepath.FromSlash(p))
		if w.dirs[dir] {
			return nil
		}
		if err := w.fsw.Add(dir); err != nil {
			if p == name && name == "." {
				return fmt.Errorf("watching %s: %w", dir, err)
			}
			w.log.Warn("template watcher cannot watch a directory", "dir", dir, "err", err)
			return nil
		}
		w.dirs[dir] = true
		return nil
	})
	return files, err
}

// maxWaits is how many debounce periods a steady stream of events may
// hold back an invalidation.
const maxWaits = 10

func (w *watcher) run() {
	defer w.wg.Done()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	pending := map[string]bool{}
	var first time.Time
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			names, all := w.handle(ev)
			if all {
				w.log.Warn("template directory moved or removed: every template will be read again", "dir", ev.Name)
			}
			if len(names) == 0 && !all {
				continue
			}
			for _, n := range names {
				pending[n] = true
			}
			if all {
				pending[""] = true // everything
			}
			now := time.Now()
			if first.IsZero() {
				first = now
			}
			timer.Reset(max(0, min(w.debounce, first.Add(maxWaits*w.debounce).Sub(now))))
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("template watcher missed events: every template will be read again", "err", err)
				w.l.InvalidateAll()
				w.notify(nil)
				continue
			}
			w.log.Error("template watcher", "err", err)
		case <-timer.C:
			w.flush(pending)
			clear(pending)
			first = time.Time{}
		}
	}
}

func (w *watcher) flush(pending map[string]bool) {
	if pending[""] {
		w.l.InvalidateAll()
		w.log.Debug("templates reloaded: all")
		w.notify(nil)
		return
	}
	names := make([]string, 0, len(pending))
	for n := range pending {
		names = append(names, n)
	}
	dropped := w.l.Invalidate(names...)
	if len(dropped) > 0 {
		w.log.Debug("templates reloaded", "names", dropped)
	}
	w.notify(dropped)
}

func (w *watcher) notify(names []string) {
	if f := w.l.cfg.onReload; f != nil {
		f(names)
	}
}

// handle maps an event to the template names it changes, in every root
// that holds it, and keeps the set of watched directories up to date. all
// reports a root itself removed or moved.
func (w *watcher) handle(ev fsnotify.Event) (names []string, all bool) {
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(ev.Name)
	}
	added := false
	for _, r := range w.roots {
		rel, err := filepath.Rel(r.path, ev.Name)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if rel == "." {
			all = all || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
			continue
		}
		name := filepath.ToSlash(rel)
		names = append(names, name)
		if ev.Has(fsnotify.Create) && !added {
			// A new directory: watch it and what is in it already. Lstat,
			// so that a symbolic link to a directory is not followed.
			if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
				added = true
				files, err := w.addTree(r, name)
				if err != nil {
					w.log.Warn("template watcher cannot watch a new directory", "dir", ev.Name, "err", err)
				}
				names = append(names, files...)
			}
		}
	}
	return names, all
}

// forget drops the watches of a removed or renamed directory and of the
// directories under it (inotify keeps watching a moved directory's
// subdirectories, wherever they are now).
func (w *watcher) forget(dir string) {
	if !w.dirs[dir] {
		return
	}
	prefix := dir + string(filepath.Separator)
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			// The watch of a deleted directory is gone already.
			if err := w.fsw.Remove(d); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) && !errors.Is(err, fsnotify.ErrClosed) {
				w.log.Debug("template watcher", "err", err)
			}
		}
	}
}
