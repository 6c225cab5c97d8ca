package compiler

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Custom tags: a tag the grammar does not know is looked up in the tags
// the template has (the engine's own, and those of libraries it loaded)
// and compiled by its Tag.

// ParseOptions are the parser options a template needs for the custom
// tags opts provides: a body for every BlockTag that has one. After
// Prepare, they are the ones Prepare computed (callers may append to the
// slice; they must not change its elements).
func (o *Options) ParseOptions() []parser.Option {
	if o.prepared != nil {
		return o.prepared.parse
	}
	return o.parseOptions()
}

// Prepare computes, once, what every compile with these options would
// compute again: the parser options (ParseOptions). An engine calls it
// when its options are final. Changing Tags, Libraries (or their tags),
// MaxNesting, Pongo2, TrimBlocks or LStripBlocks after Prepare leaves
// ParseOptions as they were until Prepare is called again.
func (o *Options) Prepare() {
	opts := o.parseOptions()
	o.prepared = &prepared{parse: opts[:len(opts):len(opts)]}
}

// ParsePool is where parses with these options take their working
// memory from: after Prepare, a pool that every copy of the options
// shares; before, nil (a nil *parser.Pool parses without one).
func (o *Options) ParsePool() *parser.Pool {
	if o.prepared != nil {
		return &o.prepared.pool
	}
	return nil
}

// prepared is what Prepare computes.
type prepared struct {
	parse     []parser.Option // full: an append copies
	pool      parser.Pool
	compilers compilerPool // see keepCompiler
}

func (o *Options) parseOptions() []parser.Option {
	var out []parser.Option
	if o.MaxNesting > 0 {
		out = append(out, parser.WithMaxDepth(o.MaxNesting))
	}
	// One map for every block tag, in the order of the former one
	// WithBlockTag per tag: a library's tag of a name wins over the
	// engine's, a later library's over an earlier one's.
	var blocks map[string][]string
	add := func(tags map[string]Tag) {
		for name, t := range tags {
			if bt, ok := t.(BlockTag); ok && bt.Parse != nil {
				out = append(out, parser.WithTagParser(name, bt.Parse))
				continue
			}
			if mids, ok := t.body(); ok {
				if blocks == nil {
					blocks = map[string][]string{}
				}
				blocks[name] = mids
			}
		}
	}
	add(o.Tags)
	for _, name := range sortedKeys(o.Libraries) {
		add(o.Libraries[name].Tags)
	}
	if blocks != nil {
		out = append(out, parser.WithBlockTags(blocks))
	}
	if o.Pongo2 {
		out = append(out, parser.WithPongo2Syntax())
	}
	if o.TrimBlocks {
		out = append(out, parser.WithTrimBlocks())
	}
	if o.LStripBlocks {
		out = append(out, parser.WithLStripBlocks())
	}
	return out
}

// Check reports what is wrong with the options' tags, naming the tag.
func (o *Options) Check() error {
	var errs []error
	check := func(where string, tags map[string]Tag) {
		bad := false
		for _, t := range tags {
			if t.check() != nil {
				bad = true // sort, for the errors' order
				break
			}
		}
		if !bad {
			return
		}
		for _, name := range slices.Sorted(maps.Keys(tags)) {
			if err := tags[name].check(); err != nil {
				errs = append(errs, errors.New(where+"tag "+name+": "+err.Error()))
			}
		}
	}
	check("", o.Tags)
	for _, lib := range sortedKeys(o.Libraries) {
		check("library "+lib+": ", o.Libraries[lib].Tags)
	}
	return errors.Join(errs...)
}

// sortedKeys are m's keys, sorted, in one allocation.
func sortedKeys[V any](m map[string]V) []string {
	keys := mapsKeys(m)
	slices.Sort(keys)
	return keys
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

// customTag compiles a use of a custom tag.
func (c *compiler) customTag(n *parser.TagNode) render.Node {
	tag, ok := c.tags[n.Name]
	if !ok {
		for _, lib := range slices.Sorted(maps.Keys(c.opts.Libraries)) {
			if _, in := c.opts.Libraries[lib].Tags[n.Name]; in {
				c.errorCode(CodeUnknownTag, n.Pos, "{%% %s %%} is a tag of the %q library: load it first with {%% load %s %%}", n.Name, lib, lib)
				return nil
			}
		}
		c.errorCode(CodeUnknownTag, n.Pos, "unknown tag {%% %s %%}", n.Name)
		return nil
	}
	c.shared = true // the TagCall may outlive the compile
	node, err := tag.compile(&TagCall{Node: n, c: c})
	if err != nil {
		var pe *parser.Error
		if errors.As(err, &pe) {
			pe.Pos.Filename = c.name
			c.errs = append(c.errs, pe)
		} else {
			c.errorf(n.Pos, "{%% %s %%}: %v", n.Name, err)
		}
		return nil
	}
	return node
}

func (t SimpleTag) compile(call *TagCall) (render.Node, error) {
	x, as, err := call.tagCall(t.Fn, t.Params, t.Defaults)
	if err != nil {
		return nil, err
	}
	n := call.Node
	if as != "" {
		call.c.markStateful(n.Pos, n.Name+" … as", whyBinds) // later nodes read the name
		return &setNode{name: as, x: x}, nil
	}
	return &outputNode{x: x, at: offset(n.Pos), end: offset(n.EndPos)}, nil
}

func (t InclusionTag) compile(call *TagCall) (render.Node, error) {
	x, as, err := call.tagCall(t.Fn, t.Params, t.Defaults)
	if err != nil {
		return nil, err
	}
	n := call.Node
	if as != "" {
		return nil, call.Errorf(n.Pos, "{%% %s %%}: an inclusion tag takes no \"as name\"", n.Name)
	}
	call.c.facts.Includes = append(call.c.facts.Includes, Ref{Name: t.Template, Pos: call.c.position(n.Pos)})
	return &inclusionNode{data: x, template: constExpr{t.Template}, pos: pos(n.Pos), what: "{% " + n.Name + " %}"}, nil
}

func (t BlockTag) compile(call *TagCall) (n render.Node, err error) {
	if t.Stateful {
		call.c.markStateful(call.Node.Pos, call.Name(), "is a stateful tag (BlockTag.Stateful): "+whyState)
	}
	defer func() {
		if p := recover(); p != nil {
			n, err = nil, call.Errorf(call.Node.Pos, "{%% %s %%}: panic while compiling: %v", call.Name(), p)
		}
	}()
	n, err = t.Compile(call)
	if err != nil || n == nil {
		if err == nil {
			err = call.Errorf(call.Node.Pos, "{%% %s %%}: its compile function returned no node", call.Name())
		}
		return nil, err
	}
	return &guardedNode{Node: n, pos: call.Pos(call.Node.Pos), what: "{% " + call.Name() + " %}"}, nil
}

// guardedNode is an application's node: a panic in its Render is the
// tag's positioned error. (A node that defers runs on later under the
// scheduler's own guard.)
type guardedNode struct {
	render.Node
	pos  render.Pos
	what string
}

func (g *guardedNode) Render(s *render.State, out *render.Out) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = s.Errorf(g.pos, fmt.Errorf("%v", p), "%s: panic while rendering", g.what)
		}
	}()
	return g.Node.Render(s, out)
}

// tagCall compiles the call of a simple or inclusion tag's function with
// the tag's arguments: keyword arguments go to their parameters, left-out
// ones get their defaults, all checked now.
func (t *TagCall) tagCall(fn any, params []string, defaults []any) (render.Expr, string, error) {
	n := t.Node
	args, err := n.Arguments()
	if err != nil {
		return nil, "", err
	}
	ft := reflect.TypeOf(fn)
	want := ft.NumIn()
	if want > 0 && ft.In(0) == contextType {
		want--
	}
	variadic := ft.IsVariadic()
	slots := make([]render.Expr, 0, len(args.Args))
	var kw map[string]render.Expr
	for _, a := range args.Args {
		x := &invalidAsText{x: t.c.expr(a.Value)}
		if a.Name == "" {
			if kw != nil {
				return nil, "", t.Errorf(a.Pos, "{%% %s %%}: a positional argument after keyword arguments", n.Name)
			}
			slots = append(slots, x)
			continue
		}
		if !slices.Contains(params, a.Name) {
			return nil, "", t.Errorf(a.Pos, "{%% %s %%}: unknown keyword argument %q (it takes %s)", n.Name, a.Name, paramList(params))
		}
		if kw == nil {
			kw = map[string]render.Expr{}
		}
		if _, dup := kw[a.Name]; dup {
			return nil, "", t.Errorf(a.Pos, "{%% %s %%}: keyword argument %q given twice", n.Name, a.Name)
		}
		kw[a.Name] = x
	}
	fixed := want
	if variadic {
		fixed--
	}
	if len(slots) > fixed && !variadic {
		return nil, "", t.Errorf(n.Pos, "{%% %s %%} takes %d arguments, got %d", n.Name, fixed, len(slots))
	}
	for i, name := range params {
		if i >= fixed {
			break
		}
		if i < len(slots) {
			if _, dup := kw[name]; dup {
				return nil, "", t.Errorf(n.Pos, "{%% %s %%}: argument %q given by position and by keyword", n.Name, name)
			}
			continue
		}
		if x, ok := kw[name]; ok {
			slots = append(slots, x)
			continue
		}
		if d := i - (len(params) - len(defaults)); d >= 0 {
			slots = append(slots, constExpr{defaults[d]})
			continue
		}
		return nil, "", t.Errorf(n.Pos, "{%% %s %%}: missing argument %q", n.Name, name)
	}
	if params == nil && len(slots) < fixed {
		return nil, "", t.Errorf(n.Pos, "{%% %s %%} takes %d arguments, got %d", n.Name, fixed, len(slots))
	}
	return &tagCallExpr{fn: fn, args: slots, path: n.Name, pos: pos(n.Pos)}, args.As, nil
}

func paramList(params []string) string {
	if len(params) == 0 {
		return "no keyword arguments"
	}
	return strings.Join(params, ", ")
}

// invalidAsText gives a missing variable as the engine's string-if-invalid
// text, as Django resolves a tag's arguments.
type invalidAsText struct{ x render.Expr }

func (e *invalidAsText) Eval(s *render.State) (any, *render.Future, error) {
	v, wait, err := e.x.Eval(s)
	if _, ok := v.(render.Undefined); ok {
		v = s.Run.Env.StringIfInvalid
	}
	return v, wait, err
}

// tagCallExpr calls a simple or inclusion tag's function. A pending
// result (a future, a lazy function) is remembered by the call's site and
// arguments, so that the node, rendering again once it is ready, finds it
// instead of calling the function again.
type tagCallExpr struct {
	fn   any
	args []render.Expr
	path string
	pos  render.Pos
}

func (e *tagCallExpr) Eval(s *render.State) (any, *render.Future, error) {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		v, wait, err := a.Eval(s)
		if wait != nil || err != nil {
			return nil, wait, err
		}
		args[i] = v
	}
	return callStable(s, e, e.pos, e.path, "{% "+e.path+" %}", e.fn, args, true)
}

func (e *tagCallExpr) position() render.Pos { return e.pos }

// inclusionNode renders an inclusion tag: its template, with the data its
// function returned as the only variables.
type inclusionNode struct {
	data     render.Expr
	template render.Expr
	pos      render.Pos
	what     string
}

func (n *inclusionNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := consume(s, out, n.pos, n.what, n.data, false, n)
	if deferred || err != nil {
		return err
	}
	data, ok := v.(map[string]any)
	if !ok && v != nil {
		return s.Errorf(n.pos, nil, "%s: the tag's function returned %s, not a map[string]any", n.what, render.TypeName(v))
	}
	prog, err := load(s, n.template, n.pos, n.what)
	if err != nil {
		return err
	}
	sub, err := enter(s, n.pos, n.what, prog)
	if err != nil {
		return err
	}
	frame := render.NewScope(data).Push(4)
	frame.Set(includeKey, &includeMark{node: n}) // its own cycle and ifchanged state, as an include's
	sub.Scope, sub.Loop = frame, nil
	return Execute(sub, prog, out)
}
