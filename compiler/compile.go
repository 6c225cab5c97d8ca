package compiler

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Options configure a compile.
type Options struct {
	// Filters is the engine's filter table.
	Filters map[string]*render.Filter
	// Tags are custom tags every template has, without {% load %}.
	Tags map[string]Tag
	// Libraries are the tag libraries {% load name %} makes available.
	Libraries map[string]*Library
	// Pongo2 compiles pongo2's dialect where it differs from Django's:
	// whitespace control ({%- -%}), string literals escaped like any
	// other string, {{ block.Super }}, pongo2's precedence of ^, and
	// pongo2's words for the compile errors whose shape it shares.
	Pongo2 bool
	// TrimBlocks and LStripBlocks are pongo2's (and Jinja's) options: the
	// newline after a {% %} tag, and the spaces and tabs before one, go.
	TrimBlocks, LStripBlocks bool
	// IncludedState looks into the template a static {% include %} names
	// (from is the including template): it says which of its nodes keeps
	// state across the render ({% ifchanged %}, {% cycle %}, a stateful
	// tag), or "" for none. Such an include is order-dependent, so the
	// nodes around it keep template order. nil: includes are not looked
	// into.
	IncludedState func(name, from string) string
	// IncludeMissing, when set, makes a static {% include %} without
	// if_exists of a template that is not there a compile error, as
	// pongo2 has it: it returns the error of finding the name (from is
	// the including template), nil when the template is there.
	IncludeMissing func(name, from string) error

	// The sandbox. BannedTags and BannedFilters are tags and filters
	// templates may not use (built-in or not): a use is a compile error
	// that names it. DebugTag allows {% debug %}, which prints every
	// variable in scope; without it the tag is a compile error. Methods
	// is the method-call policy: under MethodsNoArgs and MethodsNone, a
	// call with arguments on an attribute, obj.Name(args), is a compile
	// error (the render refuses the rest, see render.MethodPolicy).
	BannedTags, BannedFilters map[string]bool
	DebugTag                  bool
	Methods                   render.MethodPolicy
	// MaxNesting bounds how deeply tags, brackets and expressions nest
	// (parser.WithMaxDepth); 0: parser.DefaultMaxDepth.
	MaxNesting int
	// MaxSourceSize is the longest source, in bytes, that
	// loader.CompileContext compiles; 0: no limit.
	MaxSourceSize int

	prepared *prepared // by Prepare; shared, read-only, by the copies
}

// Ref is a static reference to another template: the name, when it is a
// string literal, and where the tag is.
type Ref struct {
	Name string
	Pos  parser.Position
}

// Facts are what a template's source says about it without rendering.
type Facts struct {
	Extends  *Ref  // nil when the template extends nothing or a computed name
	Includes []Ref // {% include %} with literal names
	Imports  []Ref // {% import %} with literal names
	SSI      []Ref // {% ssi %} with literal paths
	// Dynamic lists tags that name a template with an expression, which
	// only a render can resolve.
	Dynamic []parser.Position
	// Variables are the top-level names the template reads and does not
	// bind itself, sorted.
	Variables []string
	// Stateful lists nodes whose output depends on render order (cycle,
	// ifchanged, set).
	Stateful []parser.Position
	// Order is Stateful with what each node is and why its output
	// depends on render order, for tools that explain it (cmd/tplcheck).
	Order []OrderNode
	// InPlace lists the nodes that wait for their pending values in
	// place instead of deferring, because their body holds an
	// order-dependent node: in a concurrent render they, and what they
	// hold, render in template order.
	InPlace []InPlace
}

// OrderNode is a node whose output depends on render order.
type OrderNode struct {
	Pos parser.Position
	// Tag is the tag as a reader knows it: "cycle", "ifchanged", "set",
	// "firstof … as", "regroup", a custom tag's name.
	Tag string
	// Why says in words what makes it depend on order ("binds a name
	// that later nodes read").
	Why string
}

// InPlace is a node (a {% for %}, an {% if %}, a custom block tag) that
// waits for pending values in place because its body holds Cause, the
// first order-dependent node in it.
type InPlace struct {
	Pos   parser.Position
	Tag   string // "for", "if", "ifequal", or a custom tag's name
	Cause OrderNode
}

// Result is a compiled template.
type Result struct {
	Program *render.Program
	Facts   Facts
	// Handle is for the engine that owns the result to attach what it
	// builds from it once (braid keeps its *Template there).
	Handle atomic.Value
}

// Compile compiles a parsed template. Errors (an unknown filter or tag, a
// filter given the wrong number of arguments) come as a parser.ErrorList,
// every one with its position.
func Compile(t *parser.Template, src string, opts Options) (*Result, error) {
	return CompileContext(context.Background(), t, src, opts)
}

// CompileContext is Compile that stops soon after ctx ends, with an error
// (at the node it reached) that wraps ctx.Err().
func CompileContext(ctx context.Context, t *parser.Template, src string, opts Options) (*Result, error) {
	// The result and its program in one allocation.
	out := &struct {
		res  Result
		prog render.Program
	}{prog: render.Program{Name: t.Name, Source: src}}
	c := opts.newCompiler()
	defer opts.keepCompiler(c)
	c.ctx, c.opts, c.prog, c.name, c.src, c.tmpl, c.tags = ctx, opts, &out.prog, t.Name, src, t, opts.Tags
	c.prog.Root = c.nodes(t.Body)
	if !c.stopped {
		c.checkPartials()
	}
	if len(c.errs) > 0 {
		slices.SortStableFunc(c.errs, func(a, b *parser.Error) int { return a.Pos.Offset - b.Pos.Offset })
		return nil, c.errs
	}
	if len(c.read) > 0 {
		c.facts.Variables = make([]string, 0, len(c.read))
	}
	for name := range c.read {
		c.facts.Variables = append(c.facts.Variables, name)
	}
	slices.Sort(c.facts.Variables)
	out.res.Program, out.res.Facts = c.prog, c.facts
	return &out.res, nil
}

// newCompiler returns a compiler for one compile: one the options' pool
// kept (see keepCompiler), or a new one.
func (o *Options) newCompiler() *compiler {
	if o.prepared != nil {
		if c := o.prepared.compilers.get(); c != nil {
			return c
		}
	}
	return &compiler{}
}

// compilerPool keeps the compilers of maxPooled compiles at most, for
// the next ones, as long as the options it is in.
type compilerPool struct {
	mu   sync.Mutex
	free []*compiler
}

// maxPooled is how many compilers a compilerPool keeps.
const maxPooled = 4

// get returns a kept compiler, or nil.
func (p *compilerPool) get() *compiler {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.free)
	if n == 0 {
		return nil
	}
	c := p.free[n-1]
	p.free[n-1] = nil
	p.free = p.free[:n-1]
	return c
}

// put keeps c for a later compile, unless the pool is full.
func (p *compilerPool) put(c *compiler) {
	p.mu.Lock()
	if len(p.free) < maxPooled {
		p.free = append(p.free, c)
	}
	p.mu.Unlock()
}

// maxKeptMap is how many entries a map of a compiler may have had for
// the pool to keep it, emptied, for the next compile.
const maxKeptMap = 64

// keepCompiler gives c, done with, to the options' pool for the next
// compile: zeroed but for its own maps, emptied (the program keeps none
// of them); not when a custom tag's compile function had it (a TagCall
// may outlive the compile).
func (o *Options) keepCompiler(c *compiler) {
	if o.prepared == nil || c.shared {
		return
	}
	read, bound, cycles, consts := c.read, c.bound, c.cycles, c.consts
	*c = compiler{}
	c.read, c.bound, c.cycles, c.consts = emptied(read), emptied(bound), emptied(cycles), emptied(consts)
	o.prepared.compilers.put(c)
}

// emptied is m cleared, or nil when m is large.
func emptied[V any](m map[string]V) map[string]V {
	if len(m) > maxKeptMap {
		return nil
	}
	clear(m)
	return m
}

type compiler struct {
	shared  bool // a TagCall has it: do not pool it
	ctx     context.Context
	count   int  // nodes compiled, for checking ctx
	stopped bool // ctx ended: compile nothing more
	opts    Options
	prog    *render.Program
	name    string
	src     string
	tmpl    *parser.Template
	errs    parser.ErrorList
	facts   Facts
	read    map[string]bool // free variables read
	// bound counts, per name, the enclosing tags that bind it.
	bound map[string]int
	// cycles are the named cycles so far; lastCycle the latest cycle.
	cycles    map[string]*cycleNode
	lastCycle *cycleNode
	// loops are the enclosing {% for %}s being compiled, innermost last:
	// what each body reads of forloop.
	loops []*loopReads
	// partialRefs are the {% partial %} tags, checked at the end.
	partialRefs []partialRef
	// stateful counts the order-dependent nodes compiled so far; a tag
	// whose body added to it must not defer (see render.State.Defer).
	stateful int
	// super is set while compiling a block body that reads block.super.
	super *bool
	// tags are the custom tags the template has at this point, and
	// filters the filters {% load %} added (both copied on first change).
	tags    map[string]Tag
	ownTags bool // tags is the compiler's own copy
	filters map[string]*render.Filter
	// consts are the interned string constants (see intern); boxed
	// counts those boxed before the map is made.
	consts map[string]render.Expr
	boxed  int
	// The most common nodes and expressions come from slabs.
	textNodes  slab[render.Text]
	constExprs slab[constExpr]
	outputs    slab[outputNode]
	vars       slab[varExpr]
	lookups    slab[lookupExpr]
	filtereds  slab[filteredExpr]
	cfilters   slab[compiledFilter]
	ifs        slab[ifNode]
	fors       slab[forNode]
	// nodeRuns, condRuns, bodyRuns: bodies, and an if's conditions and
	// bodies.
	nodeRuns slab[render.Node]
	condRuns slab[render.Expr]
	bodyRuns slab[render.Nodes]
}

// slab hands out values of T from blocks, one allocation per block
// instead of one per value. A block lives as long as any of its values:
// as long as the program.
type slab[T any] struct {
	block []T
}

func (s *slab[T]) next() *T {
	if len(s.block) == cap(s.block) {
		s.block = make([]T, 0, min(256, max(4, 2*cap(s.block))))
	}
	s.block = s.block[:len(s.block)+1]
	return &s.block[len(s.block)-1]
}

// run returns room for n values: an empty slice of capacity n (never
// nil).
func (s *slab[T]) run(n int) []T {
	if n == 0 {
		return []T{}
	}
	if cap(s.block)-len(s.block) < n {
		s.block = make([]T, 0, max(n, min(256, max(4, 2*cap(s.block)))))
	}
	i := len(s.block)
	s.block = s.block[:i+n]
	return s.block[i : i : i+n]
}

// filter finds a filter: one a library loaded, or the engine's.
func (c *compiler) filter(name string) (*render.Filter, bool) {
	if f, ok := c.filters[name]; ok {
		return f, true
	}
	f, ok := c.opts.Filters[name]
	return f, ok
}

// errorf records a compile error at pos.
func (c *compiler) errorf(pos parser.Pos, format string, args ...any) {
	c.errorCode("", pos, format, args...)
}

// The codes of compile errors (parser.Error.Code) that tools tell apart.
const (
	CodeUnknownTag        = "unknown-tag"        // a tag no library the template loaded has
	CodeUnknownFilter     = "unknown-filter"     // a filter the template does not have
	CodeFilterArg         = "filter-arg"         // a filter given an argument it does not take, or without one it needs
	CodeLoadUnknown       = "load-unknown"       // {% load %} of a library, or a name in one, that is not registered
	CodeResetcycleUnknown = "resetcycle-unknown" // {% resetcycle %} with no such cycle before it
)

// errorCode records a compile error of a kind tools tell apart (see the
// Code constants).
func (c *compiler) errorCode(code string, pos parser.Pos, format string, args ...any) {
	c.errs = append(c.errs, &parser.Error{Pos: c.position(pos), Msg: fmt.Sprintf(format, args...), Line: lineAt(c.src, int(pos)), Code: code})
}

// position is the line and column of offset p, named as the template.
func (c *compiler) position(p parser.Pos) parser.Position {
	if c.tmpl.Source == c.src {
		at := c.tmpl.Position(p)
		at.Filename = c.name
		return at
	}
	return parser.PositionIn(c.name, c.src, p)
}

// Reasons a node depends on render order, for Facts.Order.
const (
	whyBinds = "binds a name that later nodes read"
	whyState = "keeps state between uses"
)

// markStateful records an order-dependent node: the tag and why.
func (c *compiler) markStateful(off parser.Pos, tag, why string) {
	p := c.position(off)
	c.facts.Stateful = append(c.facts.Stateful, p)
	c.facts.Order = append(c.facts.Order, OrderNode{Pos: p, Tag: tag, Why: why})
	c.stateful++
}

// inPlace records that the node tag at p waits in place when its body
// added order-dependent nodes since before (a value of c.stateful), and
// reports whether it did.
func (c *compiler) inPlace(p parser.Pos, tag string, before int) bool {
	if c.stateful <= before {
		return false
	}
	c.facts.InPlace = append(c.facts.InPlace, InPlace{Pos: c.position(p), Tag: tag, Cause: c.facts.Order[before]})
	return true
}

// pos converts a parser position.
func pos(p parser.Pos) render.Pos { return render.At(int(p)) }

// bindNames adds d to the count of tags binding each name (bind without
// the func to undo it: bindNames(-1, …) does).
func (c *compiler) bindNames(d int, names ...string) {
	if c.bound == nil {
		c.bound = map[string]int{}
	}
	for _, n := range names {
		c.bound[n] += d
	}
}

// bind marks names as bound inside a tag's body, for free-variable facts;
// the returned func undoes it.
func (c *compiler) bind(names ...string) func() {
	if c.bound == nil {
		c.bound = map[string]int{}
	}
	for _, n := range names {
		c.bound[n]++
	}
	return func() {
		for _, n := range names {
			c.bound[n]--
		}
	}
}

func (c *compiler) nodes(ns []parser.Node) render.Nodes {
	out := render.Nodes(c.nodeRuns.run(len(ns)))
	for _, n := range ns {
		if c.stop(n) {
			break
		}
		if cn := c.node(n); cn != nil {
			// Merge adjacent text, which comments and loads leave behind.
			if t, ok := textOf(cn); ok && len(out) > 0 {
				if prev, ok := textOf(out[len(out)-1]); ok {
					out[len(out)-1] = c.textNode(prev + t)
					continue
				}
			}
			out = append(out, cn)
		}
	}
	return out
}

// stop reports whether the compile's context has ended (looking every
// 1024 nodes); the first time, it records the error at n.
func (c *compiler) stop(n parser.Node) bool {
	if c.stopped {
		return true
	}
	if c.count++; c.count%1024 != 1 || c.ctx == nil {
		return false
	}
	if err := c.ctx.Err(); err != nil {
		c.stopped = true
		p := c.position(n.Position())
		c.errs = append(c.errs, &parser.Error{Pos: p, Msg: "compiling stopped: " + err.Error(), Err: err, Line: lineAt(c.src, p.Offset)})
		return true
	}
	return false
}

func (c *compiler) node(n parser.Node) render.Node {
	if name := builtinTag(n); name != "" && c.opts.BannedTags[name] {
		if c.opts.Pongo2 {
			c.errorf(n.Position(), "Usage of tag '%s' is not allowed (sandbox restriction active).", name)
			return nil
		}
		c.errorf(n.Position(), "{%% %s %%} is not allowed in this engine's templates (braid.WithBannedTags)", name)
		return nil
	}
	switch n := n.(type) {
	case *parser.TextNode:
		return c.textNode(n.Text)
	case *parser.CommentNode, *parser.CommentTagNode:
		return nil
	case *parser.OutputNode:
		o := c.outputs.next()
		*o = outputNode{x: c.expr(n.Expr), at: offset(n.Pos), end: offset(n.EndPos)}
		if a := o.appending(); a != nil {
			return a
		}
		return o
	case *parser.VerbatimNode:
		return render.Text(n.Text)
	case *parser.TemplatetagNode:
		return render.Text(templatetags[n.Which])
	case *parser.IfNode:
		return c.ifTag(n)
	case *parser.ForNode:
		return c.forTag(n)
	case *parser.WithNode:
		return c.withTag(n)
	case *parser.AutoescapeNode:
		return &autoescapeNode{on: n.On, body: c.nodes(n.Body)}
	case *parser.SpacelessNode:
		return &spacelessNode{body: c.nodes(n.Body)}
	case *parser.FilterNode:
		return c.filterTag(n)
	case *parser.FirstofNode:
		return c.firstofTag(n)
	case *parser.CycleNode:
		return c.cycleTag(n)
	case *parser.ResetcycleNode:
		return c.resetcycleTag(n)
	case *parser.IfChangedNode:
		return c.ifchangedTag(n)
	case *parser.IfEqualNode:
		return c.ifequalTag(n)
	case *parser.NowNode:
		return c.nowTag(n)
	case *parser.WidthratioNode:
		return c.widthratioTag(n)
	case *parser.SetNode:
		c.markStateful(n.Pos, "set", whyBinds)
		return &setNode{name: n.Name, x: c.expr(n.Value)}
	case *parser.LoadNode:
		c.loadTag(n)
		return nil
	case *parser.BlockNode:
		return c.blockTag(n)
	case *parser.ExtendsNode:
		c.extendsTag(n)
		return nil
	case *parser.IncludeNode:
		return c.includeTag(n)
	case *parser.MacroNode:
		c.macroTag(n)
		return nil
	case *parser.ImportNode:
		return c.importTag(n)
	case *parser.PartialDefNode:
		return c.partialDefTag(n)
	case *parser.PartialNode:
		return c.partialTag(n)
	case *parser.RegroupNode:
		return c.regroupTag(n)
	case *parser.LoremNode:
		return c.loremTag(n)
	case *parser.CsrfTokenNode:
		return &csrfTokenNode{}
	case *parser.URLNode:
		return c.urlTag(n)
	case *parser.QuerystringNode:
		return c.querystringTag(n)
	case *parser.DebugNode:
		if !c.opts.DebugTag {
			c.errorf(n.Pos, "{%% debug %%} prints every variable in scope; it is off unless the engine allows it (braid.WithDebugTag(true))")
			return nil
		}
		return &debugNode{pos: pos(n.Pos)}
	case *parser.SSINode:
		return c.ssiTag(n)
	case *parser.TagNode:
		return c.customTag(n)
	default:
		c.errorf(n.Position(), "{%% %s %%} is not supported yet", tagName(n))
		return nil
	}
}

// builtinTag is the name of the tag n is a use of; "" for text, {{ }} and
// comments. A custom tag's name is its own.
func builtinTag(n parser.Node) string {
	switch n := n.(type) {
	case *parser.TagNode:
		return n.Name
	case *parser.IfNode:
		return "if"
	case *parser.ForNode:
		return "for"
	case *parser.WithNode:
		return "with"
	case *parser.AutoescapeNode:
		return "autoescape"
	case *parser.SpacelessNode:
		return "spaceless"
	case *parser.FilterNode:
		return "filter"
	case *parser.FirstofNode:
		return "firstof"
	case *parser.CycleNode:
		return "cycle"
	case *parser.ResetcycleNode:
		return "resetcycle"
	case *parser.IfChangedNode:
		return "ifchanged"
	case *parser.IfEqualNode:
		if n.Not {
			return "ifnotequal"
		}
		return "ifequal"
	case *parser.NowNode:
		return "now"
	case *parser.WidthratioNode:
		return "widthratio"
	case *parser.SetNode:
		return "set"
	case *parser.LoadNode:
		return "load"
	case *parser.BlockNode:
		return "block"
	case *parser.ExtendsNode:
		return "extends"
	case *parser.IncludeNode:
		return "include"
	case *parser.MacroNode:
		return "macro"
	case *parser.ImportNode:
		return "import"
	case *parser.PartialDefNode:
		return "partialdef"
	case *parser.PartialNode:
		return "partial"
	case *parser.RegroupNode:
		return "regroup"
	case *parser.LoremNode:
		return "lorem"
	case *parser.CsrfTokenNode:
		return "csrf_token"
	case *parser.URLNode:
		return "url"
	case *parser.QuerystringNode:
		return "querystring"
	case *parser.DebugNode:
		return "debug"
	case *parser.SSINode:
		return "ssi"
	case *parser.VerbatimNode:
		return "verbatim"
	case *parser.TemplatetagNode:
		return "templatetag"
	case *parser.CommentTagNode:
		return "comment"
	}
	return ""
}

// tagName is the name a node's tag is written with, for messages.
func tagName(n parser.Node) string {
	s := n.String()
	if len(s) > 3 && s[:2] == "{%" {
		s = s[3:]
		for i, r := range s {
			if r == ' ' || r == '%' {
				return s[:i]
			}
		}
	}
	return s
}

var templatetags = map[string]string{
	"openblock": "{%", "closeblock": "%}", "openvariable": "{{", "closevariable": "}}",
	"openbrace": "{", "closebrace": "}", "opencomment": "{#", "closecomment": "#}",
}

// lineAt returns the line of src that holds the byte offset off.
func lineAt(src string, off int) string {
	off = min(max(off, 0), len(src))
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}

// loopReads is what a {% for %} body reads of its forloop, so that a loop
// over a stream buffers or looks ahead only when it must.
type loopReads struct {
	last bool // forloop.last
	all  bool // revcounter, revcounter0, length, or forloop itself
}

// readLoop records a read of forloop.key (key "" for forloop itself).
func (c *compiler) readLoop(key string) {
	if len(c.loops) == 0 {
		return
	}
	r := c.loops[len(c.loops)-1]
	switch key {
	case "counter", "counter0", "first", "Counter", "Counter0", "First":
	case "last", "Last":
		r.last = true
	case "parentloop", "Parentloop":
		// The parent's attributes are read through it: treat the parent
		// as read whole.
		if len(c.loops) > 1 {
			c.loops[len(c.loops)-2].all = true
		}
	default:
		r.all = true
	}
}
