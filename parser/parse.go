package parser

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
)

// DefaultMaxDepth is how deeply tags and parentheses may nest unless
// [WithMaxDepth] says otherwise.
const DefaultMaxDepth = 512

// Option configures a parse.
type Option func(*options)

type options struct {
	ctx                      context.Context
	maxDepth                 int
	blockTags                map[string][]string     // custom block tag → its intermediate tags
	blockStops               map[string]bool         // the intermediate and end tags of blockTags
	sharedBlockTags          bool                    // blockTags and blockStops are WithBlockTags's: copy before writing
	tagParsers               map[string]TagParseFunc // WithTagParser
	trim                     bool                    // WithWhitespaceControl
	pongo2                   bool                    // WithPongo2Syntax
	trimBlocks, lstripBlocks bool                    // WithTrimBlocks, WithLStripBlocks
	keepTokens, poisonTokens bool                    // tests: see lex.reuseTokens
}

// WithTrimBlocks removes the first newline after each {% %} tag (not
// after {{ }}), as pongo2's and Jinja's trim_blocks.
func WithTrimBlocks() Option { return func(o *options) { o.trimBlocks = true } }

// WithLStripBlocks removes the spaces and tabs just before each {% %}
// tag, as pongo2's lstrip_blocks.
func WithLStripBlocks() Option { return func(o *options) { o.lstripBlocks = true } }

// WithPongo2Syntax accepts what pongo2 accepts and Django refuses:
// {% firstof %} with no argument, {% filter escape %} and
// {% filter safe %}, names that begin with digits (d.51232_3, 995189baz;
// Django reads numbers), and whitespace control (WithWhitespaceControl).
// It also reads as pongo2 does: ^ from the right and tighter than a sign
// (-2 ^ 2 is -(2 ^ 2)), \" an escape in either kind of quotes, a block
// defined once its end is read; and it words the syntax errors whose
// shape pongo2 shares in pongo2's words.
func WithPongo2Syntax() Option {
	return func(o *options) { o.pongo2, o.trim = true, true }
}

// WithWhitespaceControl reads pongo2's (and Jinja's) whitespace control:
// {%- and {{- remove the whitespace before the tag, -%} and -}} the
// whitespace after it. Django has no such syntax (there, "{{-1}}" is -1),
// so it is off by default.
func WithWhitespaceControl() Option {
	return func(o *options) { o.trim = true }
}

// WithMaxDepth sets how deeply tags and parentheses may nest; deeper input
// is a positioned error instead of a stack overflow.
func WithMaxDepth(n int) Option {
	return func(o *options) { o.maxDepth = n }
}

// WithContext makes the parse stop soon after ctx ends, with an error
// (at the point it reached) that wraps ctx.Err().
func WithContext(ctx context.Context) Option {
	return func(o *options) { o.ctx = ctx }
}

// WithBlockTag makes a tag the grammar does not know take a body up to
// {% end<name> %}, split by the given intermediate tags (as blocktrans
// has {% plural %}). It parses as a [TagNode] with Block set.
func WithBlockTag(name string, intermediates ...string) Option {
	return func(o *options) {
		o.ownBlockTags()
		o.blockTags[name] = intermediates
		addStops(o.blockStops, name, intermediates)
	}
}

func addStops(stops map[string]bool, name string, intermediates []string) {
	stops["end"+name] = true
	for _, m := range intermediates {
		stops[m] = true
	}
}

// WithBlockTags is WithBlockTag for each entry of tags (a tag's name →
// its intermediate tags), for a caller that parses many templates with
// the same tags: the map is used as it is, not copied per parse, so it
// must not change while parses may use it.
func WithBlockTags(tags map[string][]string) Option {
	n := 0
	for _, mids := range tags {
		n += 1 + len(mids)
	}
	stops := make(map[string]bool, n)
	for name, mids := range tags {
		addStops(stops, name, mids)
	}
	return func(o *options) {
		if len(tags) == 0 {
			return
		}
		if o.blockTags == nil {
			o.blockTags, o.blockStops, o.sharedBlockTags = tags, stops, true
			return
		}
		o.ownBlockTags()
		maps.Copy(o.blockTags, tags)
		maps.Copy(o.blockStops, stops)
	}
}

// ownBlockTags makes blockTags and blockStops maps of the parse's own, to
// write to.
func (o *options) ownBlockTags() {
	switch {
	case o.blockTags == nil:
		o.blockTags, o.blockStops = map[string][]string{}, map[string]bool{}
	case o.sharedBlockTags:
		o.blockTags, o.blockStops, o.sharedBlockTags = maps.Clone(o.blockTags), maps.Clone(o.blockStops), false
	}
}

// Parse parses a template. name is used in positions and errors.
//
// On syntax errors it returns an [ErrorList] holding every independent
// error it could find, in source order, together with the partial tree
// (nodes whose arguments did not parse have zero fields); the tree is nil
// only when the input could not be read at all (invalid UTF-8, nesting
// beyond the limit).
func Parse(name, src string, opts ...Option) (*Template, error) {
	return (*Pool)(nil).Parse(name, src, opts...)
}

// Pool keeps the working memory of parses (the builder, the lexer's
// token and segment blocks) for the next ones, for a caller that parses
// many templates, as an engine does; a tree holds none of it. It keeps
// that of maxPooled parses at most, for as long as it lives (a few
// kilobytes each). The zero Pool is ready to use, and safe for
// concurrent parses.
type Pool struct {
	mu   sync.Mutex
	free []*builder
}

// maxPooled is how many parses' working memory a Pool keeps.
const maxPooled = 4

// Parse is the package's Parse, with working memory from p (a nil Pool
// has none to give).
func (p *Pool) Parse(name, src string, opts ...Option) (*Template, error) {
	b := p.get()
	defer p.put(b)
	b.name, b.src, b.optv = name, src, options{maxDepth: DefaultMaxDepth}
	b.opts, b.lex = &b.optv, &b.lexer
	t := &Template{Name: name, Source: src}
	b.lexer.lines = &t.lines
	for _, opt := range opts {
		opt(b.opts)
	}
	o := b.opts
	if len(src) > MaxSourceLen {
		return nil, ErrorList{{Pos: Position{Filename: name, Line: 1, Column: 1}, Msg: fmt.Sprintf("the template is %d bytes long: longer than %d", len(src), MaxSourceLen)}}
	}
	if !utf8.ValidString(src) {
		bad := 0
		for bad < len(src) {
			r, size := utf8.DecodeRuneInString(src[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		err := &Error{Pos: positionIn(name, src, bad), Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x): templates must be UTF-8 text", src[bad]), Code: CodeInvalidUTF8}
		return nil, finish(src, []*Error{err})
	}
	l := b.lex
	toks, arena := l.toks, l.arena
	l.init(name, src)
	if !o.keepTokens && !o.poisonTokens {
		l.toks, l.arena = toks[:0], arena[:0]
	}
	l.trim, l.pongo2, l.trimBlocks, l.lstripBlocks = o.trim, o.pongo2, o.trimBlocks, o.lstripBlocks
	l.keepTokens, l.poisonTokens = o.keepTokens, o.poisonTokens
	b.scratch, b.stack, b.frames = b.scratchBuf[:0], b.stackBuf[:0], b.framesBuf[:0]
	b.tmpl = t
	t.Body, _ = b.list(nil)
	// The lexer's errors after a point where the parse stopped are still
	// reported (it keeps no segment now).
	b.drain()
	t.Span = span(0, Pos(len(src)))
	if !b.aborted {
		b.checkTop(t.Body)
	}
	if errs := append(l.errs, b.errs...); len(errs) > 0 {
		if b.aborted {
			t = nil
		}
		return t, finish(src, errs)
	}
	return t, nil
}

// get returns a builder: a pooled one, or a new one.
func (p *Pool) get() *builder {
	if p != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		if n := len(p.free); n > 0 {
			b := p.free[n-1]
			p.free[n-1] = nil
			p.free = p.free[:n-1]
			return b
		}
	}
	return &builder{}
}

// keepSource is how long a source may be for the lexer's blocks that a
// pool keeps to hold strings of it, until the next parse overwrites them.
const keepSource = 64 << 10

// put returns b to the pool, keeping only its lexer's blocks (cleared
// after a long source):
// not when a tag's own parse function had it (a TagReader may outlive
// the parse), nor blocks a long tag made larger than usual.
func (p *Pool) put(b *builder) {
	if p == nil || b.shared {
		return
	}
	toks, arena, large := b.lexer.toks, b.lexer.arena, len(b.src) > keepSource
	*b = builder{}
	if cap(toks) <= tokBlock && cap(arena) <= segBlock {
		if large {
			// Strings of a large source, which the pool should not keep.
			clear(toks[:cap(toks)])
			clear(arena[:cap(arena)])
		}
		b.lexer.toks, b.lexer.arena = toks[:0], arena[:0]
	}
	p.mu.Lock()
	if len(p.free) < maxPooled {
		p.free = append(p.free, b)
	}
	p.mu.Unlock()
}

// finish sorts errors into source order and attaches their source lines.
func finish(src string, errs []*Error) error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Pos.Offset < errs[j].Pos.Offset })
	for _, e := range errs {
		e.Line = lineAt(src, e.Pos.Offset)
	}
	return ErrorList(errs)
}

// builder assembles segments into the tree: it matches block tags with
// their ends, reports what does not match, and recovers to go on.
type builder struct {
	name, src  string
	tmpl       *Template // the tree being built, for its lines
	lex        *lex
	cur        *segment // the next segment, once peek has read it
	eof        bool     // no segment is left
	count      int      // segments read, for checking the context
	errs       []*Error // the parser's (the lexer keeps its own)
	opts       *options
	stack      []*frame // open block tags, innermost last
	frames     []*frame // frames to reuse
	blocks     map[string]Pos
	aborted    bool // nesting limit hit: stop at once
	shared     bool // a TagReader has the builder: do not pool it
	level      int  // nesting of the expression being converted (see nest)
	scratch    []Node
	scratchBuf [16]Node
	// stack's and frames' first backing stores
	stackBuf, framesBuf [8]*frame
	lexer               lex     // lex's
	optv                options // opts'
	texts               slab[TextNode]
	bodies              slab[Node] // the bodies' node lists
	outputs             slab[OutputNode]
	exprs               exprSlabs
}

// frame is an open block tag waiting for one of its stops.
type frame struct {
	name  string   // the opening tag's name
	seg   *segment // the opening tag
	stops []string // tags that continue or end its body
	after string   // the last clause taken (else, empty), if its body is being parsed
}

// position is the line and column of byte offset off.
func (b *builder) position(off Pos) Position { return b.tmpl.lines.position(b.name, b.src, int(off)) }

func (b *builder) errorAt(pos Pos, format string, args ...any) {
	b.errs = append(b.errs, &Error{Pos: b.position(pos), Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) errorSpan(seg *segment, format string, args ...any) {
	b.errs = append(b.errs, &Error{Pos: b.position(seg.pos), EndPos: b.position(seg.end), Msg: fmt.Sprintf(format, args...)})
}

// coded gives the error just reported its Code.
func (b *builder) coded(code string) {
	b.errs[len(b.errs)-1].Code = code
}

// at is line:col of byte offset off.
func (b *builder) at(off Pos) string {
	p := b.position(off)
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// drain lexes what the parse left, for the lexer's errors, unless the
// context ended.
func (b *builder) drain() {
	for n := 1; b.lex.next() != nil; n++ {
		if n%1024 == 0 && b.opts.ctx != nil && b.opts.ctx.Err() != nil {
			return
		}
	}
}

// peek returns the next segment without consuming it; nil at the end.
func (b *builder) peek() *segment {
	if b.cur == nil && !b.eof {
		if b.cur = b.lex.next(); b.cur == nil {
			b.eof = true
		} else if b.count++; b.count%1024 == 1 && b.opts.ctx != nil {
			if err := b.opts.ctx.Err(); err != nil {
				b.errs = append(b.errs, &Error{Pos: b.position(b.cur.pos), Msg: "parsing stopped: " + err.Error(), Err: err})
				b.aborted = true
			}
		}
	}
	return b.cur
}

// advance consumes the segment peek returned.
func (b *builder) advance() { b.cur = nil }

// tagName returns a tag's name and the tokens after it.
func tagName(seg *segment) (string, []token) {
	for i, t := range seg.toks {
		if t.Type == tokSpace {
			continue
		}
		if t.Type == tokIdent || t.Type == tokKeyword {
			return t.Value, seg.toks[i+1:]
		}
		return "", seg.toks[i:]
	}
	return "", seg.toks[len(seg.toks)-1:]
}

// list parses a body until a tag that f (or any enclosing frame) stops
// at, or the end of the template. It returns the body and that stop tag,
// which it leaves unconsumed; nil at the end of the template.
//
// The nodes gather on b.scratch, shared by the nested lists (each takes
// back its part before it returns), so that a body takes its exact
// length from a slab of node lists instead of a slice grown by doubling.
func (b *builder) list(f *frame) ([]Node, *segment) {
	start := len(b.scratch)
	stop := b.gather(f)
	var nodes []Node
	if n := len(b.scratch) - start; n > 0 {
		nodes = append(b.bodies.run(n), b.scratch[start:]...)
	}
	clear(b.scratch[start:])
	b.scratch = b.scratch[:start]
	return nodes, stop
}

// gather is list, appending the nodes to b.scratch.
func (b *builder) gather(f *frame) *segment {
	for seg := b.peek(); seg != nil && !b.aborted; seg = b.peek() {
		switch seg.kind {
		case segText, segRaw:
			n := b.texts.next()
			*n = TextNode{Span: segSpan(seg), Text: seg.text}
			b.scratch = append(b.scratch, n)
		case segComment:
			b.scratch = append(b.scratch, &CommentNode{Span: segSpan(seg), Text: seg.text})
		case segVar:
			n := b.outputs.next()
			*n = OutputNode{Span: segSpan(seg), Expr: b.outputExpr(seg)}
			b.scratch = append(b.scratch, n)
		case segTag:
			if !seg.closed {
				// An unclosed {% runs to the end of the template; the lexer
				// reported it, and a block it opens would only add a second
				// error about the same place.
				b.advance()
				continue
			}
			name, args := tagName(seg)
			if f != nil && slices.Contains(f.stops, name) {
				return seg
			}
			if b.endsOuter(name) {
				return seg
			}
			if b.stray(seg, name, f) {
				b.advance()
				continue
			}
			b.advance()
			if n := b.tag(seg, name, args); n != nil {
				b.scratch = append(b.scratch, n)
			}
			continue
		}
		b.advance()
	}
	return nil
}

// slab hands out values of T from blocks, one allocation per block
// instead of one per value, for the tree's most common nodes. A block
// lives as long as any of its values: as long as the tree.
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

// run returns room for n values: an empty slice of capacity n, in a
// block of its own when n is more than a block holds.
func (s *slab[T]) run(n int) []T {
	if cap(s.block)-len(s.block) < n {
		s.block = make([]T, 0, max(n, min(256, max(4, 2*cap(s.block)))))
	}
	i := len(s.block)
	s.block = s.block[:i+n]
	return s.block[i : i : i+n]
}

// endsOuter reports whether an end tag closes some enclosing frame.
func (b *builder) endsOuter(name string) bool {
	if !strings.HasPrefix(name, "end") {
		return false
	}
	for _, f := range b.stack {
		if slices.Contains(f.stops, name) {
			return true
		}
	}
	return false
}

// stray reports (and explains) an end or intermediate tag that nothing
// open is waiting for.
func (b *builder) stray(seg *segment, name string, f *frame) bool {
	if !clauseNames[name] && !b.opts.blockStops[name] {
		return false // owners would find none
	}
	owners := b.owners(name)
	if owners == nil {
		return false
	}
	tag := "{% " + name + " %}"
	switch {
	case f == nil && strings.HasPrefix(name, "end"):
		b.errorSpan(seg, "%s closes nothing: no {%% %s %%} is open", tag, strings.TrimPrefix(name, "end"))
	case f == nil:
		b.errorSpan(seg, "%s is outside of any %s", tag, orList(owners))
	case strings.HasPrefix(name, "end"):
		b.errorSpan(seg, "%s closes nothing; the {%% %s %%} opened at %s is still open", tag, f.name, b.at(f.seg.pos))
	case f.after != "" && slices.Contains(blockTags[f.name], name):
		b.errorSpan(seg, "%s after {%% %s %%} in the {%% %s %%} opened at %s: {%% %s %%} must come last", tag, f.after, f.name, b.at(f.seg.pos), f.after)
	default:
		b.errorSpan(seg, "%s does not belong to the {%% %s %%} opened at %s, which takes %s", tag, f.name, b.at(f.seg.pos), orList(f.stops))
	}
	return true
}

// owners returns the tags that take name as an intermediate or end tag.
func (b *builder) owners(name string) []string {
	var out []string
	for tag, stops := range blockTags {
		if slices.Contains(stops, name) {
			out = append(out, tag)
		}
	}
	for tag, mids := range b.opts.blockTags {
		if name == "end"+tag || slices.Contains(mids, name) {
			out = append(out, tag)
		}
	}
	if name == "endverbatim" || name == "endcomment" {
		out = append(out, strings.TrimPrefix(name, "end"))
	}
	sort.Strings(out)
	return out
}

func orList(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = "{% " + n + " %}"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// blockTags are the built-in tags with a body, and the tags that continue
// or end it.
var blockTags = map[string][]string{
	"autoescape": {"endautoescape"},
	"block":      {"endblock"},
	"filter":     {"endfilter"},
	"for":        {"empty", "endfor"},
	"if":         {"elif", "else", "endif"},
	"ifchanged":  {"else", "endifchanged"},
	"ifequal":    {"else", "endifequal"},
	"ifnotequal": {"else", "endifnotequal"},
	"macro":      {"endmacro"},
	"partialdef": {"endpartialdef"},
	"spaceless":  {"endspaceless"},
	"with":       {"endwith"},
}

// endforStop and endifStop are the stops after {% empty %} and
// {% else %}. These lists, and blockTags', are shared by every parse and
// only read.
var (
	endforStop = []string{"endfor"}
	endifStop  = []string{"endif"}
)

// clauseNames are the built-in intermediate and end tags.
var clauseNames = func() map[string]bool {
	m := map[string]bool{"endverbatim": true, "endcomment": true}
	for _, stops := range blockTags {
		for _, s := range stops {
			m[s] = true
		}
	}
	return m
}()

// body parses the body of the block tag open up to one of stops. It
// returns the body and the stop tag's name and segment, consuming it;
// on a missing end it reports the error and returns an empty name.
func (b *builder) body(open *segment, name string, stops []string) ([]Node, string, *segment) {
	return b.clause(open, name, "", stops)
}

// clause is body for the part of a block tag after its clause tag after.
func (b *builder) clause(open *segment, name, after string, stops []string) ([]Node, string, *segment) {
	if len(b.stack) >= b.opts.maxDepth {
		b.errorSpan(open, "tags nested deeper than %d levels", b.opts.maxDepth)
		b.aborted = true
		return nil, "", nil
	}
	// Frames are reused: none is kept once its clause is parsed.
	var f *frame
	if n := len(b.frames); n > 0 {
		f, b.frames = b.frames[n-1], b.frames[:n-1]
	} else {
		f = new(frame)
	}
	*f = frame{name: name, seg: open, stops: stops, after: after}
	b.stack = append(b.stack, f)
	nodes, stop := b.list(f)
	b.stack = b.stack[:len(b.stack)-1]
	*f = frame{}
	b.frames = append(b.frames, f)
	if b.aborted {
		return nodes, "", nil
	}
	if stop == nil {
		if b.opts.pongo2 {
			b.errorSpan(open, "Unexpected EOF, expected tag %s.", strings.Join(stops, " or "))
			return nodes, "", nil
		}
		b.errorSpan(open, "{%% %s %%} is never closed: expected {%% %s %%} before the end of the template", name, stops[len(stops)-1])
		return nodes, "", nil
	}
	stopName, _ := tagName(stop)
	if !slices.Contains(stops, stopName) {
		b.errorSpan(stop, "{%% %s %%} found while the {%% %s %%} opened at %s is still open: expected {%% %s %%} first", stopName, name, b.at(open.pos), stops[len(stops)-1])
		return nodes, "", nil
	}
	b.advance()
	return nodes, stopName, stop
}

// noArgs reports arguments given to a tag that takes none.
func (b *builder) noArgs(seg *segment, name string, args []token) {
	for _, t := range args {
		if t.Type != tokSpace && t.Type != tokEOF {
			b.errorAt(t.Pos, "{%% %s %%} takes no arguments", name)
			return
		}
	}
}

// parseArgs runs a grammar over a tag's arguments, reporting a failure in
// words with the tag's usage.
func parseArgs[G any](b *builder, g grammar[G], seg *segment, name string, args []token) *G {
	if seg.bad {
		return nil
	}
	if !b.depthOK(args) {
		return nil
	}
	v, err := g.parse(args)
	if err != nil {
		b.grammarError(err, args, "{% "+name+" %}", usage[name])
		return nil
	}
	return v
}

// depthOK checks bracket nesting before participle recurses into it.
func (b *builder) depthOK(toks []token) bool {
	depth := 0
	for _, t := range toks {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(", "[":
			depth++
			if depth > b.opts.maxDepth {
				b.errorAt(t.Pos, "expression nested deeper than %d levels", b.opts.maxDepth)
				return false
			}
		case ")", "]":
			depth--
		}
	}
	return true
}

// grammarError turns a participle error into words.
func (b *builder) grammarError(err error, toks []token, where, use string) {
	var ue *participle.UnexpectedTokenError
	var pe participle.Error
	var msg string
	var pos Pos
	switch {
	case errors.As(err, &ue):
		if ue.Unexpected.Type == tokArgParen {
			ue.Unexpected.Type = tokPunct // a "(" to the reader
		}
		pos = off(ue.Unexpected.Pos)
		bad := token{Type: ue.Unexpected.Type, Value: ue.Unexpected.Value, Pos: pos}
		msg = fmt.Sprintf("%s: unexpected %s", where, describe(bad, where))
		if p := b.pongo2Expected(toks, bad, where); p != "" {
			b.errorAt(pos, "%s", p)
			return
		}
		if exp := b.expected(toks, bad); exp != "" {
			msg += ", expected " + exp
		} else if exp := ue.Expect; strings.HasPrefix(exp, `"`) && !strings.ContainsAny(exp, " |") {
			msg += ", expected " + exp
		}
	case errors.As(err, &pe):
		pos = off(pe.Position())
		msg = fmt.Sprintf("%s: %s", where, pe.Message())
	default:
		msg = fmt.Sprintf("%s: %v", where, err)
	}
	if use != "" {
		msg += "; usage: " + use
	}
	b.errorAt(pos, "%s", msg)
}

// pongo2Expected is, in the pongo2 dialect, pongo2's message for a
// syntax error whose shape it words simply: a filter without its name or
// argument, an unclosed bracket, a malformed if condition; "" otherwise.
func (b *builder) pongo2Expected(toks []token, bad token, where string) string {
	if !b.opts.pongo2 {
		return ""
	}
	exp := b.expected(toks, bad)
	switch {
	case exp == "a filter name after |":
		return "Filter name must be an identifier."
	case exp == "the filter's argument after :":
		return "Filter parameter required after ':'."
	case strings.HasPrefix(exp, `")" to close`):
		return "Closing bracket expected after expression"
	case where == "{% if %}" || where == "{% elif %}":
		return "If-condition is malformed."
	}
	return ""
}

// expected says in words what should have come where bad is, judging by
// the token before it and the brackets still open.
func (b *builder) expected(toks []token, bad token) string {
	var open []token
	var prev *token
	for i := range toks {
		t := &toks[i]
		if t.Pos >= bad.Pos {
			break
		}
		if t.Type == tokSpace {
			continue
		}
		prev = t
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(", "[":
			open = append(open, *t)
		case ")", "]":
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if prev != nil && (prev.Type == tokPunct || prev.Type == tokOp || prev.Type == tokSign) {
		switch prev.Value {
		case "|":
			return "a filter name after |"
		case ":":
			return "the filter's argument after :"
		case ".":
			return "an attribute name or index after ."
		case "(", "[", ",":
			if prev.Value != "," || bad.Value != ")" {
				return "an expression after " + prev.Value
			}
		case ")", "]":
		default:
			return "an expression after " + prev.Value
		}
	}
	if prev != nil && (prev.Type == tokKeyword || prev.Type == tokNot) {
		return "an expression after " + prev.Value
	}
	if len(open) > 0 && (bad.Type == tokEOF || bad.Type != tokPunct) {
		o := open[len(open)-1]
		closer := map[string]string{"(": ")", "[": "]"}[o.Value]
		return fmt.Sprintf("%q to close the %q at %s", closer, o.Value, b.at(o.Pos))
	}
	return ""
}

func describe(t token, where string) string {
	switch t.Type {
	case tokEOF:
		if strings.HasPrefix(where, "{{") {
			return "end of {{ }}"
		}
		return "end of tag"
	case tokLit:
		switch litKind(t.Value) {
		case StringToken:
			return "string " + t.Value
		case IdentToken:
			return strconvQuote(t.Value)
		}
		return "number " + t.Value
	case tokKeyword, tokNot:
		return "keyword " + strconvQuote(t.Value)
	case tokIdent:
		return "name " + strconvQuote(t.Value)
	}
	return strconvQuote(t.Value)
}

func strconvQuote(s string) string { return `"` + s + `"` }

// outputExpr parses the expression of {{ … }}.
func (b *builder) outputExpr(seg *segment) Expr {
	if seg.bad || !b.depthOK(seg.toks) {
		return nil
	}
	if isEmpty(seg.toks) {
		if b.opts.pongo2 {
			b.errorSpan(seg, "Expected either a number, string, keyword or identifier.")
			return nil
		}
		b.errorSpan(seg, "empty {{ }}: expected an expression such as {{ name }}")
		return nil
	}
	if !b.opts.pongo2 {
		if x, ok := quickExprFrom(seg.toks, b.opts.maxDepth, &b.exprs); ok {
			return x
		}
	}
	v, err := exprGrammar.parse(seg.toks)
	if err != nil {
		b.grammarError(err, seg.toks, "{{ }}", "")
		return nil
	}
	return b.expr(v.X)
}

// condition parses the expression that is a tag's whole argument list
// (if, elif, extends).
func (b *builder) condition(seg *segment, name string, args []token) Expr {
	if !seg.bad && !b.opts.pongo2 {
		if x, ok := quickExprFrom(args, b.opts.maxDepth, &b.exprs); ok {
			return x
		}
	}
	if a := parseArgs(b, exprGrammar, seg, name, args); a != nil {
		return b.expr(a.X)
	}
	return nil
}

func isEmpty(toks []token) bool {
	for _, t := range toks {
		if t.Type != tokSpace && t.Type != tokEOF {
			return false
		}
	}
	return true
}

// checkTop applies Django's rules on {% extends %} and block names.
func (b *builder) checkTop(body []Node) {
	nontext := false
	var extends *ExtendsNode // the first, valid or not
	for _, n := range body {
		switch n := n.(type) {
		case *TextNode, *CommentNode:
		case *ExtendsNode:
			switch {
			case extends != nil:
				b.errorAt(n.Pos, "{%% extends %%} appears a second time (the first is at %s)", b.at(extends.Pos))
				b.coded(CodeExtendsFirst)
			case nontext:
				b.errorAt(n.Pos, "{%% extends %%} must be the first tag in the template")
				b.coded(CodeExtendsFirst)
			}
			if extends == nil {
				extends = n
			}
			nontext = true
		default:
			nontext = true
		}
	}
	walk(body, 0, func(n Node, depth int) {
		if e, ok := n.(*ExtendsNode); ok && depth > 0 {
			b.errorAt(e.Pos, "{%% extends %%} must be at the top level of the template, not inside another tag")
			b.coded(CodeExtendsFirst)
		}
	})
}

// walk calls fn for every node in body and, depth first, in the bodies of
// its tags.
func walk(body []Node, depth int, fn func(Node, int)) {
	for _, n := range body {
		fn(n, depth)
		bodies(n, func(sub []Node) { walk(sub, depth+1, fn) })
	}
}

// bodies calls f with each body a node holds, in order (without making a
// list of them: checkTop walks every tree).
func bodies(n Node, f func([]Node)) {
	switch n := n.(type) {
	case *AutoescapeNode:
		f(n.Body)
	case *BlockNode:
		f(n.Body)
	case *FilterNode:
		f(n.Body)
	case *ForNode:
		f(n.Body)
		clauseBodies(f, n.Empty)
	case *IfNode:
		f(n.Body)
		clauseBodies(f, n.Clauses...)
	case *IfChangedNode:
		f(n.Body)
		clauseBodies(f, n.Else)
	case *IfEqualNode:
		f(n.Body)
		clauseBodies(f, n.Else)
	case *MacroNode:
		f(n.Body)
	case *PartialDefNode:
		f(n.Body)
	case *SpacelessNode:
		f(n.Body)
	case *WithNode:
		f(n.Body)
	case *TagNode:
		f(n.Body)
		clauseBodies(f, n.Clauses...)
	}
}

func clauseBodies(f func([]Node), cs ...*Clause) {
	for _, c := range cs {
		if c != nil {
			f(c.Body)
		}
	}
}

// segSpan is the span of a segment.
func segSpan(seg *segment) Span { return Span{Pos: Pos(seg.pos), EndPos: Pos(seg.end)} }
