package loader

import (
	"slices"
	"strings"

	"github.com/braidtpl/braid/compiler"
)

// refs returns the templates res names statically, in {% extends %},
// {% include %}, {% import %} and {% ssi %} tags with literal names,
// resolved against name, sorted and without repeats. Names that are not
// valid are left out: rendering the tag reports them.
func refs(name string, res *compiler.Result) []string {
	if res == nil {
		return nil
	}
	f := &res.Facts
	var out []string
	add := func(r compiler.Ref) {
		if n, err := Resolve(r.Name, name); err == nil {
			out = append(out, n)
		}
	}
	if f.Extends != nil {
		add(*f.Extends)
	}
	for _, list := range [][]compiler.Ref{f.Includes, f.Imports, f.SSI} {
		for _, r := range list {
			add(r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// link records the edges of a newly cached template. l.mu is held.
func (l *Loader) link(name string, res *compiler.Result) {
	l.unlink(name)
	deps := refs(name, res)
	if len(deps) == 0 {
		return
	}
	if l.deps == nil {
		l.deps, l.rdeps = map[string][]string{}, map[string][]string{}
	}
	l.deps[name] = deps
	for _, d := range deps {
		l.rdeps[d] = append(l.rdeps[d], name) // unlinked before: not there yet
	}
}

// unlink drops the edges from name. l.mu is held.
func (l *Loader) unlink(name string) {
	for _, d := range l.deps[name] {
		if i := slices.Index(l.rdeps[d], name); i >= 0 {
			if m := slices.Delete(l.rdeps[d], i, i+1); len(m) > 0 {
				l.rdeps[d] = m
			} else {
				delete(l.rdeps, d)
			}
		}
	}
	delete(l.deps, name)
}

// Deps returns the templates name refers to with literal names in
// {% extends %}, {% include %}, {% import %} and {% ssi %}, relative names
// resolved, sorted. It loads name if it is not loaded yet; names computed
// at render time are not known (compiler.Facts.Dynamic lists their tags).
func (l *Loader) Deps(name string) ([]string, error) {
	res, err := l.Get(name)
	if err != nil {
		return nil, err
	}
	return refs(name, res), nil
}

// Dependents returns the loaded templates that refer to name directly with
// a literal name (the reverse of Deps), sorted. Templates not loaded yet,
// or dropped from the cache by an invalidation and not loaded since, are
// not counted.
func (l *Loader) Dependents(name string) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if len(l.rdeps[name]) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(l.rdeps[name]))
}

// Invalidate drops the named templates from the cache, and, transitively,
// every loaded template that extends, includes or imports one of them; a
// name that is a directory drops every template under it. The next request
// for each reads and compiles it again; renders running now finish with
// the programs they hold. It returns the names dropped, sorted.
func (l *Loader) Invalidate(names ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dropPeeked()
	seen := map[string]bool{}
	var work []string
	mark := func(n string) {
		if !seen[n] {
			seen[n] = true
			work = append(work, n)
		}
	}
	for _, n := range names {
		mark(n)
		dir := n + "/"
		for c := range l.cache {
			if strings.HasPrefix(c, dir) {
				mark(c)
			}
		}
		for c := range l.inflight {
			if strings.HasPrefix(c, dir) {
				mark(c)
			}
		}
	}
	var dropped []string
	for i := 0; i < len(work); i++ {
		n := work[i]
		_, cached := l.cache[n]
		delete(l.cache, n)
		f := l.inflight[n]
		if f != nil {
			f.stale = true
			delete(l.inflight, n)
		}
		if cached || f != nil {
			dropped = append(dropped, n)
			// Later requests must not join a compile that read the old file.
			l.group.Forget(n)
		}
		for _, d := range l.rdeps[n] {
			mark(d)
		}
		l.unlink(n)
	}
	slices.Sort(dropped)
	return dropped
}

// InvalidateAll empties the cache: every template is read and compiled
// again on its next request.
func (l *Loader) InvalidateAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dropPeeked()
	for n := range l.cache {
		l.group.Forget(n)
	}
	for n, f := range l.inflight {
		f.stale = true
		l.group.Forget(n)
	}
	clear(l.cache)
	clear(l.inflight)
	clear(l.deps)
	clear(l.rdeps)
}
