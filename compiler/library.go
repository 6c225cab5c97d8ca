package compiler

import (
	"fmt"
	"reflect"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// The tag-library API: an application's own tags, in the three shapes
// Django's users know (simple, inclusion and compiled tags), grouped in
// libraries that {% load %} makes available, or given to every template.

// Library is a named set of tags and filters that {% load name %} makes
// available to the rest of a template (Django's template libraries), and
// {% load a b from name %} some of.
type Library struct {
	Tags map[string]Tag
	// Filters are *render.Filter values (an engine turns the function
	// shapes it accepts into them before compiling).
	Filters map[string]*render.Filter
}

// Tag is a custom tag: a SimpleTag, an InclusionTag or a BlockTag.
type Tag interface {
	// compile compiles one use of the tag.
	compile(call *TagCall) (render.Node, error)
	// body reports whether the tag has a body, and the intermediate tags
	// that divide it.
	body() (intermediates []string, ok bool)
	// check says what is wrong with the tag's definition, if anything.
	check() error
}

// SimpleTag is Django's simple_tag: a Go function called with the tag's
// evaluated arguments, whose result is printed (escaped by autoescaping
// unless it is a SafeString) or, with "as name" at the end of the tag,
// bound to name for the rest of the enclosing block:
//
//	{% price item.cost currency="EUR" %}   {% price item.cost as p %}
//
// Fn's parameters, after an optional leading context.Context (the
// render's), take the positional arguments in order, then the keyword
// ones by the names in Params; a final variadic parameter takes the
// remaining positional arguments. Fn returns a value, or a value and an
// error. The value may be pending (a *render.Future, or a lazy function
// func(context.Context) (T, error)): the tag then resolves concurrently
// like any other pending value. Arguments are converted to the
// parameters' types as calls in templates are; a missing variable is the
// engine's string-if-invalid text, as in Django.
type SimpleTag struct {
	Fn any
	// Params names Fn's parameters after the context, for keyword
	// arguments; nil: the tag takes positional arguments only.
	Params []string
	// Defaults are the values of the last len(Defaults) Params when the
	// template leaves them out; the others are required.
	Defaults []any
}

// InclusionTag is Django's inclusion_tag: Fn, called as a SimpleTag's
// function is, returns the data (a map[string]any) with which Template is
// rendered in place of the tag.
type InclusionTag struct {
	Template string
	Fn       any
	Params   []string
	Defaults []any
}

// BlockTag is a tag with a compile function of its own (Django's
// @register.tag): Compile reads the tag's arguments and, when Body is set,
// its body up to {% end<name> %}, divided by the Intermediates (Django's
// parser.parse(("else", "endmytag"))), and returns the node that renders
// the tag.
//
// A tag whose body depends on what it reads (Django's compile functions
// decide when to call parser.parse, and up to which tags) sets Parse
// instead of Body: the parser calls it when it meets the tag, and it
// reads the body with the reader's Until (parser.TagReader) as far as it
// wants; what it returns is in Node.Parsed when Compile runs, and the
// parts it read are in Node.Body and Node.Clauses.
type BlockTag struct {
	Body          bool
	Intermediates []string
	Parse         parser.TagParseFunc
	// Stateful says that the tag's output depends on render order (it
	// keeps state between uses, or binds names later nodes read): nodes
	// that contain it wait for pending values instead of deferring, so
	// that it runs in template order.
	Stateful bool
	Compile  func(call *TagCall) (render.Node, error)
}

func (t SimpleTag) body() ([]string, bool)    { return nil, false }
func (t InclusionTag) body() ([]string, bool) { return nil, false }
func (t BlockTag) body() ([]string, bool)     { return t.Intermediates, t.Body }

func (t SimpleTag) check() error { return checkFn(t.Fn, t.Params, t.Defaults) }

func (t InclusionTag) check() error {
	if t.Template == "" {
		return fmt.Errorf("inclusion tag without a template")
	}
	return checkFn(t.Fn, t.Params, t.Defaults)
}

func (t BlockTag) check() error {
	if t.Compile == nil {
		return fmt.Errorf("block tag without a Compile function")
	}
	if t.Parse != nil && (t.Body || len(t.Intermediates) > 0) {
		return fmt.Errorf("block tag with both Parse and Body: its Parse function reads its body")
	}
	return nil
}

var errorType = reflect.TypeFor[error]()

// checkFn checks a simple or inclusion tag's function and parameters.
func checkFn(fn any, params []string, defaults []any) error {
	t := reflect.TypeOf(fn)
	if t == nil || t.Kind() != reflect.Func {
		return fmt.Errorf("the tag's Fn is %T, not a function", fn)
	}
	if t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errorType {
		return fmt.Errorf("the tag's function must return a value, or a value and an error: %s", t)
	}
	n := t.NumIn()
	if n > 0 && t.In(0) == contextType {
		n--
	}
	if params != nil && len(params) != n && !(t.IsVariadic() && len(params) == n-1) {
		return fmt.Errorf("Params names %d parameters, the function has %d: %s", len(params), n, t)
	}
	if len(defaults) > len(params) {
		return fmt.Errorf("%d Defaults for %d Params", len(defaults), len(params))
	}
	return nil
}

// TagCall is one use of a custom tag being compiled, for a BlockTag's
// Compile function: the tag as parsed, and the compiler's help to turn its
// pieces into render nodes and expressions. Errors it reports carry the
// template's name and the position given.
type TagCall struct {
	Node *parser.TagNode
	c    *compiler
}

// Name is the tag's name.
func (t *TagCall) Name() string { return t.Node.Name }

// Args returns the tag's arguments read as a simple tag's (expressions,
// name=expression, "as name"), or the syntax error that gives.
func (t *TagCall) Args() (*parser.TagArgs, error) { return t.Node.Arguments() }

// OneArg compiles the tag's only argument, a positional one; anything
// else is an error saying that it takes one (what it is: "a time zone")
// and how to write the tag (usage).
func (t *TagCall) OneArg(what, usage string) (render.Expr, error) {
	args, err := t.Args()
	if err != nil {
		return nil, err
	}
	if len(args.Args) != 1 || args.Args[0].Name != "" || args.As != "" {
		return nil, t.Errorf(t.Node.Pos, "{%% %s %%} takes one argument, %s; usage: %s", t.Name(), what, usage)
	}
	return t.Expr(args.Args[0].Value), nil
}

// Expr compiles an expression of the tag's (from Args, or a Clause's).
func (t *TagCall) Expr(e parser.Expr) render.Expr { return t.c.expr(e) }

// Operand compiles e as Expr does, with wrap applied to its operand when
// e is a filter chain (x|f|g): the filters then run on wrap(x). A tag that
// changes its argument before the filters see it uses it, as Django's
// {% translate "text"|upper %} translates the text and then filters it.
func (t *TagCall) Operand(e parser.Expr, wrap func(x render.Expr) render.Expr) render.Expr {
	f, ok := e.(*parser.Filtered)
	if !ok {
		return wrap(t.c.expr(e))
	}
	fe := t.c.filtered(f).(*filteredExpr)
	fe.x = wrap(fe.x)
	return fe
}

// Nodes compiles part of the tag's body: Node.Body, or a clause's.
func (t *TagCall) Nodes(ns []parser.Node) render.Nodes { return t.c.nodes(ns) }

// Ordered compiles part of the tag's body as Nodes does, and also says
// whether it holds nodes whose output depends on render order (cycle,
// set, a stateful tag): a node rendering such a body must not defer
// itself (see Consume).
func (t *TagCall) Ordered(ns []parser.Node) (nodes render.Nodes, ordered bool) {
	before := t.c.stateful
	nodes = t.c.nodes(ns)
	return nodes, t.c.inPlace(t.Node.Pos, t.Name(), before)
}

// Consume evaluates the expression a custom node needs the value of, as
// the built-in nodes do: when it waits for a pending value, the node
// defers itself (deferred: it is done here, and node.Render runs again
// from the start in its place once the value is ready), unless ordered
// (its body depends on render order), when it waits in place instead.
// what names the node in errors ("{% timezone %}").
func Consume(s *render.State, out *render.Out, at render.Pos, what string, x render.Expr, ordered bool, node render.Node) (v any, deferred bool, err error) {
	return consume(s, out, at, what, x, ordered, node)
}

// Eval evaluates x as a node that cannot defer does: it waits in place
// for the pending values x meets (the render's other goroutines go on).
func Eval(s *render.State, x render.Expr) (any, error) { return evalNow(s, x) }

// Bind compiles what follows (Nodes, Expr) with names bound by the tag,
// so that they are not taken for the template's free variables; call the
// function it returns when done.
func (t *TagCall) Bind(names ...string) func() { return t.c.bind(names...) }

// OrderDependent says that this use of the tag depends on render order
// (it binds a name later nodes read, say, as "as name" does), as
// BlockTag.Stateful says of every use.
func (t *TagCall) OrderDependent() {
	t.c.markStateful(t.Node.Pos, t.Name(), "depends on render order: it binds a name that later nodes read, or keeps state (TagCall.OrderDependent)")
}

// Errorf returns a compile error at pos, in the template's name.
func (t *TagCall) Errorf(pos parser.Pos, format string, args ...any) error {
	return &parser.Error{Pos: t.c.position(pos), Msg: fmt.Sprintf(format, args...), Line: lineAt(t.c.src, int(pos))}
}

// Pos converts a parser position into the render position nodes report
// errors at (render.State.Errorf).
func (t *TagCall) Pos(p parser.Pos) render.Pos { return pos(p) }

// Position returns the line and column of p in the template being
// compiled, for messages that name a place.
func (t *TagCall) Position(p parser.Pos) parser.Position { return t.c.position(p) }

// Template is the name of the template being compiled.
func (t *TagCall) Template() string { return t.c.name }
