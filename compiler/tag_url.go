package compiler

import (
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// urlNode is {% url "name" arg … key=value … [as var] %}, resolved by the
// engine's URL resolver (braid.WithURLResolver).
type urlNode struct {
	name   render.Expr
	args   []render.Expr
	kwargs []string // names of the keyword arguments, for kwvals
	kwvals []render.Expr
	as     string
	pos    render.Pos
}

func (c *compiler) urlTag(n *parser.URLNode) render.Node {
	u := &urlNode{name: c.expr(n.Name), as: n.As, pos: pos(n.Pos)}
	u.args, u.kwargs, u.kwvals = c.splitArgs(n.Args)
	if len(u.args) > 0 && len(u.kwargs) > 0 {
		c.errorf(n.Pos, "{%% url %%}: do not mix positional and keyword arguments")
	}
	if n.As != "" {
		c.markStateful(n.Pos, "url … as", whyBinds)
	}
	return u
}

func (n *urlNode) Render(s *render.State, out *render.Out) error {
	resolve := s.Run.Env.URLResolver
	if resolve == nil {
		return s.Errorf(n.pos, nil, "{%% url %%}: the engine has no URL resolver (braid.WithURLResolver)")
	}
	// A pending name or argument defers the node, as {{ }} does; with
	// "as" it binds a name later nodes read, so it waits in place.
	ordered := n.as != ""
	v, deferred, err := Consume(s, out, n.pos, "{% url %}", n.name, ordered, n)
	if deferred || err != nil {
		return err
	}
	name := render.String(defined(v))
	args := make([]any, len(n.args))
	for i, x := range n.args {
		a, deferred, err := Consume(s, out, n.pos, "{% url %}", x, ordered, n)
		if deferred || err != nil {
			return err
		}
		args[i] = defined(a)
	}
	kwargs := make(map[string]any, len(n.kwargs))
	for i, k := range n.kwargs {
		v, deferred, err := Consume(s, out, n.pos, "{% url %}", n.kwvals[i], ordered, n)
		if deferred || err != nil {
			return err
		}
		kwargs[k] = defined(v)
	}
	u, err := resolve(name, args, kwargs)
	if n.as != "" {
		// Django: with "as", a URL that does not resolve binds "".
		if err != nil {
			u = ""
		}
		s.Scope.Set(n.as, u)
		return nil
	}
	if err != nil {
		return s.Errorf(n.pos, err, "{%% url %q %%}", name)
	}
	out.WriteValue(s, u)
	return nil
}

// splitArgs compiles a tag's arguments into the positional ones and the
// keyword ones (names and values).
func (c *compiler) splitArgs(args []*parser.Arg) (positional []render.Expr, names []string, values []render.Expr) {
	for _, a := range args {
		if a.Name == "" {
			positional = append(positional, c.expr(a.Value))
		} else {
			names = append(names, a.Name)
			values = append(values, c.expr(a.Value))
		}
	}
	return positional, names, values
}

// csrfTokenNode is {% csrf_token %}: the hidden form field with the
// csrf_token value of the data, or nothing without one.
type csrfTokenNode struct{}

func (csrfTokenNode) Render(s *render.State, out *render.Out) error {
	v, err := evalNow(s, &varExpr{name: "csrf_token"})
	if err != nil || !truthy(v) {
		return err
	}
	token := render.String(v)
	if token == "NOTPROVIDED" {
		return nil
	}
	out.WriteString(`<input type="hidden" name="csrfmiddlewaretoken" value="`)
	out.WriteEscaped(token)
	out.WriteString(`">`)
	return nil
}

// querystringNode is {% querystring [mapping …] [key=value …] [as var] %}
// (Django 5.1+): "?" and the query string of request.GET from the data
// (or of the mappings given), with the keyword arguments set; a None
// value removes its key, a list value repeats it.
type querystringNode struct {
	maps   []render.Expr
	keys   []string
	values []render.Expr
	as     string
	pos    render.Pos
}

func (c *compiler) querystringTag(n *parser.QuerystringNode) render.Node {
	q := &querystringNode{as: n.As, pos: pos(n.Pos)}
	q.maps, q.keys, q.values = c.splitArgs(n.Args)
	if n.As != "" {
		c.markStateful(n.Pos, "querystring … as", whyBinds)
	}
	return q
}

// query is an ordered multi-valued query, like Django's QueryDict.
type query struct {
	keys []string
	vals map[string][]string
}

func (q *query) set(k string, vs []string) {
	if _, ok := q.vals[k]; !ok {
		q.keys = append(q.keys, k)
	}
	q.vals[k] = vs
}

func (q *query) del(k string) {
	if _, ok := q.vals[k]; ok {
		delete(q.vals, k)
		q.keys = slices.DeleteFunc(q.keys, func(x string) bool { return x == k })
	}
}

// add merges one value the way Django's querystring does.
func (q *query) add(k string, v any) {
	switch {
	case v == nil:
		q.del(k)
	case isList(v):
		items, _ := render.Items(v)
		var vs []string
		for _, it := range items {
			if it != nil {
				vs = append(vs, render.String(it))
			}
		}
		q.set(k, vs)
	default:
		q.set(k, []string{render.String(v)})
	}
}

// isList reports whether v is an iterable other than a string.
func isList(v any) bool {
	switch v.(type) {
	case string, render.SafeString:
		return false
	}
	k := reflect.TypeOf(v).Kind()
	return k == reflect.Slice || k == reflect.Array
}

func (n *querystringNode) Render(s *render.State, out *render.Out) error {
	q := &query{vals: map[string][]string{}}
	var sources []any
	for _, m := range n.maps {
		v, err := evalNow(s, m)
		if err != nil {
			return err
		}
		sources = append(sources, defined(v))
	}
	if len(n.maps) == 0 {
		// request.GET from the data; none means an empty query.
		saved := s.AllowMissing
		s.AllowMissing = true // no request in the data: an empty query
		get, err := evalNow(s, &lookupExpr{x: &varExpr{name: "request", at: int32(n.pos.Offset)}, sites: []render.LookupSite{{Key: "GET"}}, lens: []int32{11}, path: "request.GET", at: int32(n.pos.Offset)})
		s.AllowMissing = saved
		if err != nil {
			return err
		}
		sources = append(sources, defined(get))
	}
	for _, src := range sources {
		if err := n.merge(s, q, src); err != nil {
			return err
		}
	}
	for i, k := range n.keys {
		v, err := evalNow(s, n.values[i])
		if err != nil {
			return err
		}
		q.add(k, defined(v))
	}
	var b strings.Builder
	b.WriteByte('?')
	first := true
	for _, k := range q.keys {
		for _, v := range q.vals[k] {
			if !first {
				b.WriteByte('&')
			}
			first = false
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	if n.as != "" {
		s.Scope.Set(n.as, b.String())
		return nil
	}
	out.WriteValue(s, b.String())
	return nil
}

// merge adds a mapping's entries: url.Values and map[string][]string keep
// their lists; other maps with string keys go through query.add. Keys of
// Go maps come sorted (Go maps have no order).
func (n *querystringNode) merge(s *render.State, q *query, src any) error {
	if src == nil {
		return nil
	}
	switch m := src.(type) {
	case url.Values:
		for _, k := range slices.Sorted(maps.Keys(m)) {
			q.set(k, slices.Clone(m[k]))
		}
		return nil
	case map[string][]string:
		return n.merge(s, q, url.Values(m))
	}
	rv := reflect.ValueOf(src)
	if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
		return s.Errorf(n.pos, nil, "{%% querystring %%} needs mappings for its positional arguments, not %s", render.TypeName(src))
	}
	keys := rv.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		q.add(k.String(), rv.MapIndex(k).Interface())
	}
	return nil
}
