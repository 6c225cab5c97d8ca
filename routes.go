package braid

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/braidtpl/braid/render"
)

// Routes names net/http ServeMux patterns so that templates can build
// their paths with {% url %}, as Django's reverse does:
//
//	routes := braid.NewRoutes()
//	routes.Handle(mux, "post-detail", "GET /posts/{id}/", showPost)
//	eng := braid.New(braid.WithURLResolver(routes.Resolve))
//
//	{% url "post-detail" post.ID %}   /posts/42/
//	{% url "post-detail" id=post.ID %}
//
// A pattern's wildcards take the positional arguments in order, or the
// keyword arguments by name; {name...} takes the rest of the path (its
// slashes kept) and {$} nothing. Values print as Django's str() prints
// them (render.String) and are escaped for a path segment.
// The method and host of a pattern do not appear in the path. Routes is
// safe for concurrent use.
type Routes struct {
	mu     sync.RWMutex
	byName map[string]route
}

// route is one named pattern, split into literal text and wildcards.
type route struct {
	pattern string
	parts   []routePart
}

type routePart struct {
	text     string // literal path text, when name is ""
	name     string // a wildcard's name
	rest     bool   // {name...}
	wildcard bool
}

// NewRoutes returns an empty set of routes.
func NewRoutes() *Routes { return &Routes{byName: map[string]route{}} }

// Add names a ServeMux pattern ("[METHOD ][HOST]/path/{id}/").
func (r *Routes) Add(name, pattern string) error {
	rt, err := parseRoute(pattern)
	if err != nil {
		return fmt.Errorf("braid.Routes.Add(%q, %q): %w", name, pattern, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.byName[name]; dup {
		return fmt.Errorf("braid.Routes.Add: the route name %q is taken", name)
	}
	r.byName[name] = rt
	return nil
}

// Handle adds the route and registers handler with mux under pattern; it
// panics, as ServeMux.Handle does, on a pattern it cannot take.
func (r *Routes) Handle(mux *http.ServeMux, name, pattern string, handler http.Handler) {
	if err := r.Add(name, pattern); err != nil {
		panic(err)
	}
	mux.Handle(pattern, handler)
}

// Resolve is the path of the route name with args (positional) or kwargs
// (by wildcard name): a URL resolver for WithURLResolver.
func (r *Routes) Resolve(name string, args []any, kwargs map[string]any) (string, error) {
	r.mu.RLock()
	rt, ok := r.byName[name]
	r.mu.RUnlock()
	if !ok {
		return "", fmt.Errorf("no route named %q", name)
	}
	var b strings.Builder
	next, used := 0, 0
	for _, p := range rt.parts {
		if !p.wildcard {
			b.WriteString(p.text)
			continue
		}
		var v any
		switch {
		case next < len(args):
			v = args[next]
			next++
		case kwargs != nil:
			var ok bool
			if v, ok = kwargs[p.name]; !ok {
				return "", fmt.Errorf("route %q (%s): no value for {%s}", name, rt.pattern, p.name)
			}
			used++
		default:
			return "", fmt.Errorf("route %q (%s): no value for {%s}", name, rt.pattern, p.name)
		}
		// As Django's reverse takes str(arg): a struct shows only its
		// exported fields, a list inside itself stops at "[...]".
		s := render.String(v)
		if s == "" && !p.rest {
			return "", fmt.Errorf("route %q (%s): {%s} is empty", name, rt.pattern, p.name)
		}
		if p.rest {
			segs := strings.Split(s, "/")
			for i := range segs {
				segs[i] = url.PathEscape(segs[i])
			}
			b.WriteString(strings.Join(segs, "/"))
		} else {
			b.WriteString(url.PathEscape(s))
		}
	}
	if next < len(args) {
		return "", fmt.Errorf("route %q (%s) takes %d arguments, got %d", name, rt.pattern, next, len(args))
	}
	if used < len(kwargs) {
		return "", fmt.Errorf("route %q (%s): an argument names no wildcard of it", name, rt.pattern)
	}
	return b.String(), nil
}

// parseRoute splits a ServeMux pattern into its path's parts.
func parseRoute(pattern string) (route, error) {
	rt := route{pattern: pattern}
	path := pattern
	if i := strings.IndexAny(path, " \t"); i >= 0 {
		path = strings.TrimLeft(path[i:], " \t") // the method
	}
	i := strings.IndexByte(path, '/')
	if i < 0 {
		return rt, errors.New("the pattern has no path")
	}
	path = path[i:] // the host goes
	for path != "" {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			rt.parts = append(rt.parts, routePart{text: path})
			break
		}
		if open > 0 {
			rt.parts = append(rt.parts, routePart{text: path[:open]})
		}
		end := strings.IndexByte(path[open:], '}')
		if end < 0 {
			return rt, errors.New("a wildcard is not closed")
		}
		name := path[open+1 : open+end]
		path = path[open+end+1:]
		switch {
		case name == "$":
			continue
		case strings.HasSuffix(name, "..."):
			rt.parts = append(rt.parts, routePart{name: strings.TrimSuffix(name, "..."), rest: true, wildcard: true})
		case name == "":
			return rt, errors.New("a wildcard has no name")
		default:
			rt.parts = append(rt.parts, routePart{name: name, wildcard: true})
		}
	}
	return rt, nil
}
