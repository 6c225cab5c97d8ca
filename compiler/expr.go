package compiler

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// expr compiles an expression.
func (c *compiler) expr(e parser.Expr) render.Expr {
	switch e := e.(type) {
	case nil:
		return constExpr{nil}
	case *parser.StringLit:
		return c.stringConst(e.Value)
	case *parser.TransLit:
		// Django's Variable doubles the percent signs of a message id
		// (and, unlike {% translate %}, does not restore them).
		return transExpr{msgid: strings.ReplaceAll(e.Value, "%", "%%")}
	case *parser.NumberLit:
		if e.IsFloat {
			return constExpr{e.Float}
		}
		return constExpr{int(e.Int)}
	case *parser.BoolLit:
		return constExpr{e.Value}
	case *parser.NoneLit:
		return constExpr{nil}
	case *parser.Variable:
		if e.Name == "forloop" {
			c.readLoop("")
		}
		if c.bound[e.Name] == 0 {
			if c.read == nil {
				c.read = map[string]bool{}
			}
			c.read[e.Name] = true
		}
		return c.varExpr(e.Name, e.Pos)
	case *parser.Lookup:
		return c.lookup(e)
	case *parser.Index:
		return &indexExpr{x: c.expr(e.X), i: c.expr(e.Index), path: c.text(e), pos: pos(e.Pos)}
	case *parser.Call:
		if _, onAttr := e.Fn.(*parser.Lookup); onAttr && len(e.Args) > 0 && c.opts.Methods != render.MethodsAll {
			// obj.Name(args) calls a method of the data (or a function
			// it holds: the syntax cannot tell), which the policy refuses.
			c.errorf(e.Pos, "%s(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.%s))", c.text(e.Fn), c.opts.Methods)
			return constExpr{nil}
		}
		args := make([]render.Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = c.expr(a)
		}
		// The callee is found without calling it, as a variable or an
		// attribute otherwise would be when it takes no arguments.
		ce := &callExpr{args: args, path: c.text(e.Fn), pos: pos(e.Pos)}
		switch fn := e.Fn.(type) {
		case *parser.Variable:
			c.expr(fn) // records the name as read
			ce.name = fn.Name
		case *parser.Lookup:
			ce.recv, ce.site = c.expr(fn.X), render.LookupSite{Key: fn.Key}
		default:
			ce.fn = c.expr(fn)
		}
		return ce
	case *parser.Filtered:
		return c.filtered(e)
	case *parser.Unary:
		return &unaryExpr{op: e.Op, x: c.expr(e.X), pos: pos(e.Pos)}
	case *parser.Binary:
		return &binaryExpr{op: e.Op, x: c.expr(e.X), y: c.expr(e.Y), pos: pos(e.Pos)}
	}
	c.errorf(e.Position(), "unsupported expression %s", e)
	return constExpr{nil}
}

// text is an expression as messages name it: its source text, which
// costs no copy (so a chain a.b.c… of n lookups holds n strings into the
// source, not n prefixes of it: compiling it is linear). An expression
// without a span in the source is printed.
func (c *compiler) text(e parser.Expr) string {
	from, to := int(e.Position()), int(e.End())
	if from < 0 || from >= to || to > len(c.src) {
		return e.String()
	}
	t := c.src[from:to]
	// A tag may compile expressions it parsed from a source of its own
	// (blocktranslate's older forms): check that the span is this one.
	switch e := e.(type) {
	case *parser.Variable:
		if t != e.Name {
			return e.String()
		}
	case *parser.Lookup:
		if !strings.HasSuffix(t, e.Key) {
			return e.String()
		}
	case *parser.Index:
		if !strings.HasSuffix(t, "]") {
			return e.String()
		}
	case *parser.Call:
		if !strings.HasSuffix(t, ")") {
			return e.String()
		}
	}
	return t
}

// filtered compiles x|f1:arg|f2, resolving each filter now.
func (c *compiler) filtered(e *parser.Filtered) render.Expr {
	fe := c.filtereds.next()
	*fe = filteredExpr{x: c.expr(e.X), pos: offsetPos(offset(e.Pos)), filters: c.cfilters.run(len(e.Filters))}
	for i, f := range e.Filters {
		if c.opts.BannedFilters[f.Name] {
			if c.opts.Pongo2 {
				c.errorf(f.Pos, "Usage of filter '%s' is not allowed (sandbox restriction active).", f.Name)
				continue
			}
			c.errorf(f.Pos, "filter %q is not allowed in this engine's templates (braid.WithBannedFilters)", f.Name)
			continue
		}
		impl, ok := c.filter(f.Name)
		if !ok {
			if c.opts.Pongo2 {
				c.errorCode(CodeUnknownFilter, f.Pos, "Filter '%s' does not exist.", f.Name)
				continue
			}
			c.errorCode(CodeUnknownFilter, f.Pos, "unknown filter %q", f.Name)
			continue
		}
		switch {
		case f.Arg == nil && impl.Arg == render.ArgRequired:
			c.errorCode(CodeFilterArg, f.Pos, "filter %q needs an argument: write %s:value", f.Name, f.Name)
		case f.Arg != nil && impl.Arg == render.ArgNone:
			c.errorCode(CodeFilterArg, f.Pos, "filter %q takes no argument", f.Name)
		}
		cf := compiledFilter{name: f.Name, impl: impl, pos: offsetPos(offset(f.Pos))}
		if f.Arg != nil {
			cf.arg, cf.argPos = c.expr(f.Arg), offsetPos(offset(f.Arg.Position()))
		}
		if i == 0 && f.Name == "default" {
			fe.allowMissing = true
		}
		fe.filters = append(fe.filters, cf)
	}
	return fe
}

// settle looks once at a sub-expression's value (render.State.Settle):
// its value; or the future the whole expression waits on; or, for a
// future that failed, its error at p.
func settle(s *render.State, p render.Pos, path string, v any) (any, *render.Future, error) {
	v, wait, err := s.Settle(v)
	if err != nil {
		return nil, nil, s.Errorf(p, err, "%s", path)
	}
	return v, wait, nil
}

// transExpr is _("text"): the text translated into the render's
// language, safe as the literal is.
type transExpr struct{ msgid string }

func (e transExpr) Eval(s *render.State) (any, *render.Future, error) {
	return render.SafeString(s.Gettext("", e.msgid)), nil, nil
}

type constExpr struct{ v any }

// Eval gives the value; a Future held as a constant (a loop item, a
// bound value) is settled like any other value.
func (e constExpr) Eval(s *render.State) (any, *render.Future, error) {
	if _, ok := e.v.(*render.Future); ok {
		return s.Settle(e.v)
	}
	return e.v, nil, nil
}

// varExpr is a variable. It keeps only the offset of its position (see
// render.At), as outputNode does: {{ name }} is the most numerous node,
// and a template made of nothing else compiles to about ten times its
// size.
// stringConst is a string literal's constant.
func (c *compiler) stringConst(v string) render.Expr {
	if x, ok := c.consts[v]; ok {
		return x
	}
	k := c.constExprs.next()             // from a slab: one allocation less per literal
	*k = constExpr{render.SafeString(v)} // Django marks string literals in templates safe
	if c.opts.Pongo2 {
		*k = constExpr{v} // pongo2 escapes literals like any string
	}
	var x render.Expr = k
	if intern(c, &c.consts, v) {
		c.consts[v] = x
	}
	return x
}

// textNode is a text node: a *render.Text from a slab, so that text, a
// template's commonest node, costs no allocation of its own.
func (c *compiler) textNode(s string) render.Node {
	n := c.textNodes.next()
	*n = render.Text(s)
	return n
}

// textOf is the text of a text node.
func textOf(n render.Node) (string, bool) {
	switch n := n.(type) {
	case *render.Text:
		return string(*n), true
	case render.Text:
		return string(n), true
	}
	return "", false
}

// Interning: a string literal that a template repeats (a join's ", ") is
// boxed into its interface once, not once per use (two allocations for a
// constant). Only
// short strings are kept, and only once a compile has boxed a few, so a
// small template does not pay for the map.
const (
	internAfter = 8
	internMax   = 128
)

// intern reports whether s (just boxed, not found in *m) should go into
// *m, making the map once the compile has boxed internAfter strings.
func intern[V any](c *compiler, m *map[string]V, s string) bool {
	if len(s) > internMax {
		return false
	}
	if *m == nil {
		if c.boxed++; c.boxed <= internAfter {
			return false
		}
		*m = make(map[string]V)
	}
	return true
}

// varExpr is a varExpr from the compile's slab.
func (c *compiler) varExpr(name string, at parser.Pos) *varExpr {
	v := c.vars.next()
	*v = varExpr{name: name, at: offset(at)}
	return v
}

type varExpr struct {
	name string
	at   int32
}

func (e *varExpr) Eval(s *render.State) (any, *render.Future, error) {
	v, ok := s.Scope.Get(e.name)
	if !ok {
		return missing(s, e.position(), e.name)
	}
	v, err := callIfCallable(s, e.position(), e.name, v)
	if err != nil {
		return nil, nil, err
	}
	return settle(s, e.position(), e.name, v)
}

// offset is a position's offset as the compact nodes keep it (a source
// is at most 2 GiB: see braid.WithMaxSourceSize).
func offset(p parser.Pos) int32 { return int32(max(p, 0)) }

// missing is the value of a variable that does not exist: Undefined, or
// an error in strict mode.
func missing(s *render.State, p render.Pos, path string) (any, *render.Future, error) {
	if s.Run.Env.Strict && !s.AllowMissing {
		return nil, nil, s.Errorf(p, nil, "%s is not defined", path)
	}
	return render.Undefined{Name: path}, nil, nil
}

// callIfCallable calls a function value that takes no arguments, as Django
// calls callables it finds in a variable's path. A lazy value gives its
// Future, for the caller to settle.
func callIfCallable(s *render.State, p render.Pos, path string, v any) (any, error) {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Func {
		return v, nil
	}
	if render.LazyShape(v) {
		// func(ctx) T or (T, error): a lazy value, started once per render.
		return s.LazyFunc(v), nil
	}
	if t.NumIn() > 1 || (t.NumIn() == 1 && t.In(0) != contextType) || t.IsVariadic() {
		return v, nil
	}
	out, err := render.Call(s.Ctx, v, nil)
	if err != nil {
		if s.Run.Env.Pongo2 {
			return nil, pongo2CallError(s, p, path, err)
		}
		return nil, s.Errorf(p, err, "calling %s", path)
	}
	return out, nil
}

// pongo2CallError is the error of a call in pongo2's words: the
// function's own error as it is, and pongo2's messages for a function it
// cannot call with the arguments given.
func pongo2CallError(s *render.State, p render.Pos, path string, err error) error {
	var ce *render.CallError
	if !errors.As(err, &ce) {
		return s.Errorf(p, err, "")
	}
	var msg string
	switch ce.Problem {
	case render.CallResults:
		if ce.Fn.NumOut() == 2 {
			msg = "the second return value is not an error"
		} else {
			msg = fmt.Sprintf("'%s' must have exactly 1 or 2 output arguments, the second argument must be of type error", path)
		}
	case render.CallArgCount:
		msg = fmt.Sprintf("function input argument count (%d) of '%s' must be equal to the calling argument count (%d)", ce.Fn.NumIn(), path, ce.Got)
	default:
		got := fmt.Sprintf("%T", ce.Value)
		if _, ok := ce.Value.(render.SafeString); ok {
			got = "string"
		}
		if ce.Variadic {
			msg = fmt.Sprintf("function variadic input argument of '%s' must be of type %s or *pongo2.Value (not %s)", path, ce.Param, got)
		} else {
			msg = fmt.Sprintf("function input argument %d of '%s' must be of type %s or *pongo2.Value (not %s)", ce.Arg, path, ce.Param, got)
		}
	}
	return s.Errorf(p, nil, "%s", msg)
}

var contextType = reflect.TypeFor[context.Context]()

// lookup compiles a chain of lookups, x.a.b.c, into one lookupExpr.
func (c *compiler) lookup(e *parser.Lookup) render.Expr {
	var buf [8]*parser.Lookup
	links := buf[:0] // innermost first
	for l := e; ; {
		links = append(links, l)
		inner, ok := l.X.(*parser.Lookup)
		if !ok {
			break
		}
		l = inner
	}
	slices.Reverse(links)
	first := links[0]
	var x render.Expr
	switch v, _ := first.X.(*parser.Variable); {
	case v != nil && v.Name == "block" && (first.Key == "super" || c.opts.Pongo2 && first.Key == "Super") && c.super != nil:
		*c.super = true
		x = &superExpr{pos: pos(first.Pos)}
		if links = links[1:]; len(links) == 0 {
			return x
		}
	case v != nil && v.Name == "forloop":
		// Record which attribute the loop body reads, not forloop whole.
		c.readLoop(first.Key)
		x = c.varExpr(v.Name, v.Pos)
	default:
		x = c.expr(first.X)
	}
	le := c.lookups.next()
	*le = lookupExpr{x: x, at: offset(first.Pos)}
	if len(links) == 1 {
		le.sites, le.lens = le.one[:], le.oneLen[:] // the common case, in one allocation
	} else {
		le.sites, le.lens = make([]render.LookupSite, len(links)), make([]int32, len(links))
	}
	le.path = c.text(e)
	from := int(e.Position())
	fromSource := len(le.path) == int(e.End())-from && from+len(le.path) <= len(c.src) && c.src[from:from+len(le.path)] == le.path
	tail := 0 // the length of the keys after link i, with their dots
	for i := len(links) - 1; i >= 0; i-- {
		l := links[i]
		le.sites[i].Key = l.Key
		n := len(le.path) - tail
		if fromSource {
			n = int(l.End()) - from
		}
		le.lens[i] = int32(min(max(n, 0), len(le.path)))
		tail += 1 + len(l.Key)
	}
	return le
}

// lookupExpr is a chain of lookups, x.a.b.c: one node for the chain, one
// LookupSite for each link (so a chain costs its links, and no more than
// a few times its source). The path a message names for link i is
// path[:lens[i]] ("x.a.b"), a slice of the source.
type lookupExpr struct {
	x     render.Expr
	sites []render.LookupSite
	lens  []int32
	path  string
	at    int32 // where the chain starts: the position of every link
	// one and oneLen hold sites and lens for a chain of one link.
	one    [1]render.LookupSite
	oneLen [1]int32
	// calls has bit i set once some render remembered the call of link
	// i (rememberCalls): link i then looks there first.
	calls atomic.Uint64
}

func (e *lookupExpr) Eval(s *render.State) (any, *render.Future, error) {
	x, wait, err := e.x.Eval(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	x, wait, _, err = e.from(s, 0, x)
	return x, wait, err
}

// from looks the links from the i-th on up on x; at is the link that
// waits. When one does, the methods called on the way there are
// remembered (rememberCalls).
func (e *lookupExpr) from(s *render.State, i int, x any) (_ any, wait *render.Future, at int, err error) {
	var ins [4]any // what links start… looked up on, for rememberCalls
	start := i
	for ; i < len(e.sites); i++ {
		if i-start < len(ins) {
			ins[i-start] = x
		}
		if x, wait, err = e.link(s, i, x); wait != nil || err != nil {
			if wait != nil && i > start {
				e.rememberCalls(s, start, ins[:min(i-start+1, len(ins))])
			}
			return nil, wait, i, err
		}
	}
	return x, nil, 0, nil
}

// rememberCalls remembers, for the evaluations that follow in this
// render, the result of each method that links start… called on ins[k]
// (ins[k+1], the next link's input): an evaluation that waits is done
// again from the start, and a method that makes a new value each call
// (a getter that builds a struct) would otherwise give a new receiver to
// the lazy method after it, which would start anew and wait again, for
// ever. So the node sees the values a sequential render would, with
// each method called once.
func (e *lookupExpr) rememberCalls(s *render.State, start int, ins []any) {
	for k := 0; k+1 < len(ins); k++ {
		i := start + k
		fn, isMethod := render.Method(ins[k], e.sites[i].Key)
		if !isMethod || render.LazyShape(fn) || i >= 64 {
			continue // a field, a map entry or a lazy value: the same each time
		}
		key := stableKey{site: callSite{&e.sites[i]}, n: 1, args: [4]any{ins[k]}}
		if key.usable() {
			s.Remember(key, render.Resolved(ins[k+1]))
			e.calls.Or(1 << i)
		}
	}
}

// callSite is a link as the key of its remembered call (rememberCalls).
type callSite struct{ *render.LookupSite }

// link looks link i up on x.
func (e *lookupExpr) link(s *render.State, i int, x any) (any, *render.Future, error) {
	if u, ok := x.(render.Undefined); ok {
		return u, nil, nil
	}
	site, p := &e.sites[i], e.position()
	if i < 64 && e.calls.Load()&(1<<i) != 0 {
		// A call remembered by an evaluation of this render that waited.
		if f := recall(s, stableKey{site: callSite{site}, n: 1, args: [4]any{x}}); f != nil {
			s.Step()
			v, _, err := s.Settle(f)
			return v, nil, err
		}
	}
	if a, ok := x.(render.Attrs); ok {
		v, ok, err := a.Attr(site.Key)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return missing(s, p, e.pathAt(i))
		}
		return settle(s, p, e.pathAt(i), v)
	}
	if v, ok := site.LookupPlain(x); ok {
		s.Step() // as LookupLazy counts it
		return v, nil, nil
	}
	v, found, err := site.LookupLazy(s, x)
	if err != nil {
		return nil, nil, s.Errorf(p, err, "looking up %s", e.pathAt(i))
	}
	if !found {
		return missing(s, p, e.pathAt(i))
	}
	if fut, ok := v.(*render.Future); ok && !fut.Owned() {
		if _, isMethod := render.Method(x, site.Key); isMethod {
			// A method may make a new future each call: keep the first.
			if v, err = stabilize(s, stableKey{site: site, n: 1, args: [4]any{x}}, v); err != nil {
				return nil, nil, s.Errorf(p, err, "%s", e.pathAt(i))
			}
		}
	}
	if v, err = callIfCallable(s, p, e.pathAt(i), v); err != nil {
		return nil, nil, err
	}
	return settle(s, p, e.pathAt(i), v)
}

// pathAt is the chain up to link i, as written.
func (e *lookupExpr) pathAt(i int) string { return e.path[:e.lens[i]] }

type indexExpr struct {
	x, i render.Expr
	path string
	pos  render.Pos
}

func (e *indexExpr) Eval(s *render.State) (any, *render.Future, error) {
	x, wait, err := e.x.Eval(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	if u, ok := x.(render.Undefined); ok {
		return u, nil, nil
	}
	i, wait, err := e.i.Eval(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	v, found, err := render.Index(s.Ctx, x, i)
	if err != nil {
		return nil, nil, s.Errorf(e.pos, err, "evaluating %s", e.path)
	}
	if !found {
		return missing(s, e.pos, e.path)
	}
	if v, err = callIfCallable(s, e.pos, e.path, v); err != nil {
		return nil, nil, err
	}
	return settle(s, e.pos, e.path, v)
}

type callExpr struct {
	name string            // name(args)
	recv render.Expr       // obj.Key(args): obj
	site render.LookupSite // and Key
	fn   render.Expr       // any other callee
	args []render.Expr
	path string
	pos  render.Pos
}

// callee finds the function to call, without calling it.
func (e *callExpr) callee(s *render.State) (any, *render.Future, error) {
	switch {
	case e.name != "":
		v, ok := s.Scope.Get(e.name)
		if !ok {
			return render.Undefined{Name: e.path}, nil, nil
		}
		return settle(s, e.pos, e.path, v)
	case e.recv != nil:
		recv, wait, err := e.recv.Eval(s)
		if wait != nil || err != nil {
			return nil, wait, err
		}
		if _, ok := recv.(render.Undefined); ok {
			return recv, nil, nil
		}
		// A method by name, whatever its parameters; else a func value
		// held in a map or field.
		if m, ok := render.Method(recv, e.site.Key); ok {
			if err := allowCall(s, recv, e.site.Key, m, len(e.args)); err != nil {
				return nil, nil, s.Errorf(e.pos, err, "calling %s", e.path)
			}
			return m, nil, nil
		}
		v, found, err := e.site.Lookup(s.Ctx, recv)
		if err != nil {
			return nil, nil, s.Errorf(e.pos, err, "looking up %s", e.path)
		}
		if !found {
			return render.Undefined{Name: e.path}, nil, nil
		}
		return settle(s, e.pos, e.path, v)
	}
	return e.fn.Eval(s)
}

func (e *callExpr) Eval(s *render.State) (any, *render.Future, error) {
	fn, wait, err := e.callee(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	if _, ok := fn.(render.Undefined); ok {
		return nil, nil, s.Errorf(e.pos, nil, "%s is not defined, so it cannot be called", e.path)
	}
	args := make([]any, len(e.args))
	for i, a := range e.args {
		v, wait, err := a.Eval(s)
		if wait != nil || err != nil {
			return nil, wait, err
		}
		args[i] = defined(v)
	}
	if m, ok := fn.(callable); ok {
		v, err := m.call(s, args)
		if err != nil {
			return nil, nil, s.Errorf(e.pos, err, "calling %s", e.path) // an error inside the macro keeps its own position
		}
		return v, nil, nil
	}
	return callStable(s, e, e.pos, e.path, "calling "+e.path, fn, args, false)
}

// allowCall says whether the engine's method policy lets the template
// call method name of recv (bound as m) with n arguments: MethodsNone
// allows none, MethodsNoArgs those that take nothing but a context.
// (The compiler refuses obj.Name(args) already; this is the render's
// check, for calls that reach a method another way.)
func allowCall(s *render.State, recv any, name string, m any, n int) error {
	pol := s.Run.Env.Methods
	if pol == render.MethodsAll {
		return nil
	}
	if pol == render.MethodsNoArgs && n == 0 {
		t := reflect.TypeOf(m)
		if in := t.NumIn(); in == 0 || in == 1 && t.In(0) == contextType && !t.IsVariadic() {
			return nil
		}
	}
	return &render.MethodError{Method: name, Type: reflect.TypeOf(recv).String(), Policy: pol}
}

// callStable calls fn with args for the call at site. A pending result is
// remembered by site and args (see stableKey), so that the evaluation
// after a deferral finds it instead of calling fn again; with lazy, a
// lazy function returned is started as a lazy value. Errors are at p,
// prefixed by what.
func callStable(s *render.State, site any, p render.Pos, path, what string, fn any, args []any, lazy bool) (any, *render.Future, error) {
	key := stableKey{site: site, n: len(args)}
	if len(args) <= len(key.args) {
		copy(key.args[:], args)
		if fut := recall(s, key); fut != nil {
			return settle(s, p, path, fut)
		}
	} else {
		key.n = -1
	}
	v, err := render.Call(s.Ctx, fn, args)
	if err != nil {
		if s.Run.Env.Pongo2 && !lazy {
			return nil, nil, pongo2CallError(s, p, path, err)
		}
		return nil, nil, s.Errorf(p, err, "%s", what)
	}
	if lazy && render.LazyShape(v) {
		v = s.LazyFunc(v) // a lazy result: started now, resolved concurrently
	}
	if v, err = stabilize(s, key, v); err != nil {
		return nil, nil, s.Errorf(p, err, "%s", what)
	}
	return settle(s, p, path, v)
}

type compiledFilter struct {
	name   string
	impl   *render.Filter
	arg    render.Expr // nil without an argument
	argPos offsetPos
	pos    offsetPos
}

// offsetPos is a position as the most numerous expressions keep it: the
// offset alone, 4 bytes instead of a render.Pos's 24.
type offsetPos int32

// at is the render position of p (its line and column found when an
// error needs them).
func (p offsetPos) at() render.Pos { return render.At(int(p)) }

type filteredExpr struct {
	x            render.Expr
	filters      []compiledFilter
	allowMissing bool // the first filter is default, which handles missing values
	// noneIfMissing: a missing input is None, and the filters apply to it
	// (Django's if, for, firstof, ifchanged and regroup resolve with
	// ignore_failures); see lenient.
	noneIfMissing bool
	// cond: in an if condition, a missing filter argument fails with
	// errMissingArg, which the condition's operators and the if tag turn
	// into false.
	cond bool
	pos  offsetPos
}

func (e *filteredExpr) Eval(s *render.State) (any, *render.Future, error) {
	v, wait, err := e.input(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	v, wait, _, err = e.applyFrom(s, v, 0)
	return v, wait, err
}

// applyFrom applies the filters from the k-th on to v (the input, for k
// 0); at says which one waits (resumeFilter + its index).
func (e *filteredExpr) applyFrom(s *render.State, v any, k int) (_ any, wait *render.Future, at int, err error) {
	if _, ok := v.(render.Undefined); ok && k == 0 {
		switch {
		case e.noneIfMissing || s.Run.Env.Pongo2: // pongo2: a missing value is nil
			v = nil
		case s.Run.Env.StringIfInvalid != "":
			// Django applies the filters to string_if_invalid when it is
			// empty, and skips them otherwise.
			return v, nil, 0, nil
		default:
			v = ""
		}
	}
	for i := k; i < len(e.filters); i++ {
		f := &e.filters[i]
		var arg any = render.NoArg{}
		if f.arg != nil {
			if arg, wait, err = f.arg.Eval(s); wait != nil || err != nil {
				return nil, wait, cannotResume, err
			}
			if _, ok := arg.(render.Undefined); ok && s.Run.Env.Pongo2 {
				arg = nil // pongo2: a missing argument is nil
			} else if u, ok := arg.(render.Undefined); ok {
				// Django resolves an argument without ignoring failures:
				// a missing one raises VariableDoesNotExist.
				var cause error
				if e.cond {
					cause = errMissingArg
				}
				return nil, nil, 0, s.Errorf(f.argPos.at(), cause, "%s is not defined (the argument of filter %s)", u.Name, f.name)
			}
		}
		key := stableKey{site: f, n: 2, args: [4]any{v, arg}}
		if fut := recall(s, key); fut != nil {
			v = fut // this call made a future before this node deferred
		} else {
			if v, err = f.impl.Apply(s, v, arg); err != nil {
				return nil, nil, 0, s.Errorf(f.pos.at(), err, "filter %s", f.name)
			}
			// A custom filter may return a pending value.
			if v, err = stabilize(s, key, v); err != nil {
				return nil, nil, 0, s.Errorf(f.pos.at(), err, "filter %s", f.name)
			}
		}
		if v, wait, err = settle(s, f.pos.at(), f.name, v); wait != nil || err != nil {
			return nil, wait, resumeFilter + i, err
		}
	}
	return v, nil, 0, nil
}

// input evaluates the filtered value; as the input of default, a missing
// variable is not an error even in strict mode (filter arguments are).
func (e *filteredExpr) input(s *render.State) (any, *render.Future, error) {
	if e.allowMissing && !s.AllowMissing {
		s.AllowMissing = true
		defer func() { s.AllowMissing = false }()
	}
	return e.x.Eval(s)
}

type unaryExpr struct {
	op   string
	x    render.Expr
	cond bool // in an if condition: see failsFalse
	pos  render.Pos
}

func (e *unaryExpr) Eval(s *render.State) (any, *render.Future, error) {
	v, wait, err := e.x.Eval(s)
	if wait != nil || err != nil {
		return failsFalse(e.cond, wait, err)
	}
	switch e.op {
	case "not", "!":
		return !truthy(v), nil, nil
	case "-":
		negate := render.Negate
		if s.Run.Env.Pongo2 {
			negate = render.Pongo2Negate
		}
		r, err := negate(defined(v))
		if err != nil {
			return nil, nil, s.Errorf(e.pos, err, "")
		}
		return r, nil, nil
	}
	return v, nil, nil // unary +
}

type binaryExpr struct {
	op   string
	x, y render.Expr
	cond bool // in an if condition: see failsFalse
	pos  render.Pos
}

func (e *binaryExpr) Eval(s *render.State) (any, *render.Future, error) {
	x, wait, err := e.x.Eval(s)
	if wait != nil || err != nil {
		return failsFalse(e.cond, wait, err)
	}
	switch e.op {
	case "and", "&&", "or", "||":
		// Short-circuit: y is evaluated only when x does not decide.
		if truthy(x) == (e.op == "or" || e.op == "||") {
			return truthy(x), nil, nil
		}
		y, wait, err := e.y.Eval(s)
		if wait != nil || err != nil {
			return failsFalse(e.cond, wait, err)
		}
		return truthy(y), nil, nil
	}
	y, wait, err := e.y.Eval(s)
	if wait != nil || err != nil {
		return failsFalse(e.cond, wait, err)
	}
	if (e.op == "in" || e.op == "not in") && s.Run.Env.Pongo2 {
		if in, ok := hasField(y, x); ok { // pongo2: "Text" in post is a field test
			return in == (e.op == "in"), nil, nil
		}
	}
	op := binary
	if s.Run.Env.Pongo2 {
		op = pongo2Binary
	}
	v, err := op(e.op, defined(x), defined(y))
	if err != nil {
		return nil, nil, s.Errorf(e.pos, err, "")
	}
	return v, nil, nil
}

// pongo2Binary is binary in the pongo2 dialect: its arithmetic and its
// comparisons (render.Pongo2Arith, Pongo2Equal, Pongo2Less).
func pongo2Binary(op string, x, y any) (any, error) {
	switch op {
	case "==":
		return render.Pongo2Equal(x, y), nil
	case "!=", "<>":
		return !render.Pongo2Equal(x, y), nil
	case "<", ">", "<=", ">=":
		return render.Pongo2Less(op, x, y), nil
	case "+", "-", "*", "/", "%", "^":
		return render.Pongo2Arith(op, x, y)
	}
	return binary(op, x, y)
}

// hasField reports whether the struct v (through pointers) has a field
// named name; ok is false when v is not a struct or name not a string.
func hasField(v, name any) (has, ok bool) {
	n, isStr := name.(string)
	if sn, isSafe := name.(render.SafeString); isSafe {
		n, isStr = string(sn), true
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if !isStr || rv.Kind() != reflect.Struct {
		return false, false
	}
	return rv.FieldByName(n).IsValid(), true
}

// errMissingArg is the cause of the error of a missing filter argument in
// an if condition (Django's VariableDoesNotExist there).
var errMissingArg = errors.New("")

// failsFalse passes on an operand's wait or error; in an if condition
// (cond), an operand that failed for a missing filter argument makes the
// operator false instead, as Django's smartif operators catch it.
func failsFalse(cond bool, wait *render.Future, err error) (any, *render.Future, error) {
	if cond && wait == nil && errors.Is(err, errMissingArg) {
		return false, nil, nil
	}
	return nil, wait, err
}

// lenient marks x as resolved the way Django's if, for, firstof,
// ifchanged and regroup resolve their expressions (ignore_failures): a
// missing variable filtered is None, not "" (x|default_if_none:"d" gives
// "d"). In an if condition (cond), a missing filter argument also makes
// the operator it is under false, and the condition false.
func lenient(x render.Expr, cond bool) render.Expr {
	switch e := x.(type) {
	case *filteredExpr:
		e.noneIfMissing, e.cond = true, cond
		lenient(e.x, cond)
	case *binaryExpr:
		e.cond = cond
		lenient(e.x, cond)
		lenient(e.y, cond)
	case *unaryExpr:
		e.cond = cond
		lenient(e.x, cond)
	}
	return x
}

// binary applies a comparison or an arithmetic operator.
func binary(op string, x, y any) (any, error) {
	switch op {
	case "==":
		return render.Equal(x, y), nil
	case "!=", "<>":
		return !render.Equal(x, y), nil
	case "<", ">", "<=", ">=":
		c, ok := render.Compare(x, y)
		if !ok {
			return false, nil // Python raises TypeError; Django's if says false
		}
		switch op {
		case "<":
			return c < 0, nil
		case ">":
			return c > 0, nil
		case "<=":
			return c <= 0, nil
		}
		return c >= 0, nil
	case "in":
		in, _ := render.Contains(y, x)
		return in, nil
	case "not in":
		in, ok := render.Contains(y, x)
		return ok && !in, nil
	case "is":
		return identical(x, y), nil
	case "is not":
		return !identical(x, y), nil
	}
	return render.Arith(op, x, y)
}

func truthy(v any) bool {
	if _, ok := v.(render.Undefined); ok {
		return false
	}
	return render.Truthy(v)
}

// defined maps Undefined to None, as Django's if tag does.
func defined(v any) any {
	if _, ok := v.(render.Undefined); ok {
		return nil
	}
	return v
}

// identical is Python's "is" for the values templates compare that way:
// None, True and False; and the same map, slice or pointer.
func identical(x, y any) bool {
	switch x := x.(type) {
	case nil:
		return y == nil
	case bool:
		yb, ok := y.(bool)
		return ok && x == yb
	}
	if y == nil {
		return false
	}
	vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
	switch vx.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Func, reflect.Chan:
		return vx.Kind() == vy.Kind() && vx.Type() == vy.Type() && vx.Pointer() == vy.Pointer()
	}
	return false
}

// evalNow evaluates x, waiting for the values it needs: for nodes that
// must not defer (cycle, firstof, ifchanged, now, widthratio, template
// names) or whose input is already a finished capture. Each wait is
// followed by a whole new evaluation.
func evalNow(s *render.State, x render.Expr) (any, error) {
	for {
		v, wait, err := x.Eval(s)
		if wait == nil {
			return v, err
		}
		if _, err := s.Await(wait); err != nil && s.Ctx.Err() != nil {
			p, _ := x.(interface{ position() render.Pos })
			var at render.Pos
			if p != nil {
				at = p.position()
			}
			return nil, s.Errorf(at, err, "waiting for a value")
		}
	}
}

// evalBinding evaluates the value a tag binds to a name. A pending value
// is not waited for: the name gets a future of the whole expression,
// evaluated again on a snapshot of the state whenever what it waits for
// is ready.
func evalBinding(s *render.State, x render.Expr) (any, error) {
	v, wait, err := x.Eval(s)
	if wait == nil {
		return v, err
	}
	if !s.Run.Concurrent() {
		return evalNow(s, x) // sequential: the binding waits, and fails here
	}
	snap := s.Snapshot()
	return s.Later(wait, func() (any, *render.Future, error) { return x.Eval(snap) }), nil
}

// stableKey identifies where a future was made in a render: the call or
// filter in its expression and the inputs it got. A node that defers
// evaluates its expressions again once the value is ready; a call that
// makes a new future each time must give the first one back, or the node
// would wait for ever.
type stableKey struct {
	site any
	n    int // inputs in args; -1: too many to remember
	args [4]any
}

// usable reports whether key can be a map key.
func (key *stableKey) usable() bool {
	if key.n < 0 {
		return false
	}
	for i := range key.n {
		if !comparable(key.args[i]) {
			return false
		}
	}
	return true
}

// recall returns the future remembered under key, if any; cheap in a
// render that has remembered none.
func recall(s *render.State, key stableKey) *render.Future {
	if !s.Run.Remembers() || !key.usable() {
		return nil
	}
	return s.Recall(key)
}

// stabilize remembers v under key when it is a future, so the same
// evaluation finds it again; when key cannot be a map key (inputs that
// cannot be hashed), it waits for the value instead.
func stabilize(s *render.State, key stableKey, v any) (any, error) {
	fut, ok := v.(*render.Future)
	if !ok {
		return v, nil
	}
	if key.usable() {
		return s.Remember(key, fut), nil
	}
	return s.Await(fut)
}

// comparable reports whether v can safely be part of a map key: scalars,
// pointers and empty structs (render.NoArg); not composites, which may
// hold values that cannot be hashed.
func comparable(v any) bool {
	if v == nil {
		return true
	}
	t := reflect.TypeOf(v)
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String, reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return true
	case reflect.Struct:
		return t.NumField() == 0
	}
	return false
}

// Where each expression starts, for the error of a wait that ended.
func (e *varExpr) position() render.Pos      { return render.At(int(e.at)) }
func (e *lookupExpr) position() render.Pos   { return render.At(int(e.at)) }
func (e *indexExpr) position() render.Pos    { return e.pos }
func (e *callExpr) position() render.Pos     { return e.pos }
func (e *filteredExpr) position() render.Pos { return e.pos.at() }
func (e *unaryExpr) position() render.Pos    { return e.pos }
func (e *binaryExpr) position() render.Pos   { return e.pos }
