package pongo2

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// TokenType is the kind of a token.
type TokenType int

// The kinds of tokens.
const (
	TokenError TokenType = iota
	EOF
	TokenHTML
	TokenKeyword
	TokenIdentifier
	TokenString
	TokenNumber
	TokenSymbol
	TokenNil
)

// Token is one token of a tag's arguments.
type Token struct {
	Filename        string
	Typ             TokenType
	Val             string
	Line            int
	Col             int
	TrimWhitespaces bool
}

// String shows the token as pongo2 does, for messages.
func (t *Token) String() string {
	return fmt.Sprintf("<Token Typ=%d Val='%s' Line=%d Col=%d>", t.Typ, t.Val, t.Line, t.Col)
}

// INode is a node of a template.
type INode interface {
	Execute(*ExecutionContext, TemplateWriter) *Error
}

// INodeTag is the node a custom tag's parser returns.
type INodeTag interface {
	INode
}

// TagParser parses one use of a custom tag: doc is the template's parser
// (for a body, with WrapUntilTag), start the tag's name token, arguments
// its arguments.
type TagParser func(doc *Parser, start *Token, arguments *Parser) (INodeTag, *Error)

// builtinTags are the tags braid has itself.
var builtinTags = map[string]bool{}

func init() {
	for _, n := range []string{"autoescape", "block", "comment", "csrf_token", "cycle", "debug", "extends", "filter",
		"firstof", "for", "if", "ifchanged", "ifequal", "ifnotequal", "import", "include", "load", "lorem", "macro",
		"now", "regroup", "resetcycle", "set", "spaceless", "ssi", "templatetag", "url", "verbatim", "widthratio",
		"with", "partialdef", "partial", "querystring", "region"} {
		builtinTags[n] = true
	}
}

var tagFns = map[string]TagParser{}

func lookupTag(name string) (TagParser, bool) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	fn, ok := tagFns[name]
	return fn, ok
}

// RegisterTag adds a custom tag; a name in use is an error.
func RegisterTag(name string, fn TagParser) error {
	if _, ok := lookupTag(name); ok || builtinTags[name] {
		return fmt.Errorf("tag with name '%s' is already registered", name)
	}
	registryMu.Lock()
	tagFns[name] = fn
	registryMu.Unlock()
	generation.Add(1)
	return nil
}

// ReplaceTag replaces a registered tag.
func ReplaceTag(name string, fn TagParser) error {
	if _, ok := lookupTag(name); !ok {
		return fmt.Errorf("tag with name '%s' does not exist (therefore cannot be overridden)", name)
	}
	registryMu.Lock()
	tagFns[name] = fn
	registryMu.Unlock()
	generation.Add(1)
	return nil
}

// registeredTags are the registered tags as braid tags; a banned one, or
// a banned built-in, fails to compile. A pongo2 tag parser runs when the
// template is parsed (BlockTag.Parse), as in pongo2, so that it reads
// its body with WrapUntilTag as far as it wants; its node runs in
// template order (Stateful: a pongo2 node may keep state).
func registeredTags(banned map[string]bool) []braid.Option {
	registryMu.RLock()
	defer registryMu.RUnlock()
	var opts []braid.Option
	for name, fn := range tagFns {
		opts = append(opts, braid.WithTag(name, braid.BlockTag{Parse: parseTag(name, fn, banned[name]), Compile: compileTag, Stateful: true}))
	}
	return opts
}

// tagUse is one use of a pongo2 tag, as its parser read it: the node it
// returned, and the bodies and expressions it read, which the compile
// step compiles.
type tagUse struct {
	node     INodeTag
	wrappers []*NodeWrapper
	exprs    []*expression
}

// parseTag runs a pongo2 tag parser on a use of the tag.
func parseTag(name string, fn TagParser, banned bool) parser.TagParseFunc {
	return func(n *parser.TagNode, r *parser.TagReader) (any, error) {
		if banned {
			return nil, &parser.Error{Pos: r.Position(n.Pos), Msg: fmt.Sprintf("Usage of tag '%s' is not allowed (sandbox restriction active).", name)}
		}
		at := r.Position(n.Pos)
		file := displayName(at.Filename)
		use := &tagUse{}
		start := &Token{Filename: file, Typ: TokenIdentifier, Val: name, Line: at.Line, Col: at.Column}
		args := newArgParser(file, n.Tokens, r, use)
		doc := &Parser{name: file, reader: r, use: use, doc: true, at: at}
		node, perr := fn(doc, start, args)
		if perr != nil {
			return nil, perr.parserError(at)
		}
		if node == nil {
			return nil, &parser.Error{Pos: at, Msg: fmt.Sprintf("the parser of tag '%s' returned no node", name)}
		}
		use.node = node
		return use, nil
	}
}

// parserError is a tag parser's error as the braid parser reports it: at
// its token, or at the tag.
func (e *Error) parserError(at parser.Position) error {
	var pe *parser.Error
	if errors.As(e.OrigError, &pe) {
		return e // an error of the braid parser's, reported already or to report as is
	}
	p := at
	if e.at.Line > 0 {
		p = e.at
	}
	msg := "<nil>"
	if e.OrigError != nil {
		msg = e.OrigError.Error()
	}
	return &parser.Error{Pos: p, Msg: msg}
}

// compileTag compiles the bodies and expressions a pongo2 tag read.
func compileTag(call *braid.TagCall) (render.Node, error) {
	use, ok := call.Node.Parsed.(*tagUse)
	if !ok {
		return nil, call.Errorf(call.Node.Pos, "tag '%s' was not parsed by its pongo2 parser", call.Name())
	}
	for _, x := range use.exprs {
		x.x = call.Expr(x.e)
	}
	for _, w := range use.wrappers {
		w.body = call.Nodes(w.nodes)
	}
	return tagNode{node: use.node}, nil
}

func newArgParser(file string, toks []parser.Token, r *parser.TagReader, use *tagUse) *Parser {
	p := &Parser{name: file, reader: r, use: use, ptoks: toks}
	for _, t := range toks {
		val := t.Text
		if t.Kind == parser.StringToken && len(val) >= 2 {
			val = unquote(val) // pongo2's string tokens have no quotes
		}
		at := r.Position(t.Pos)
		p.tokens = append(p.tokens, &Token{Filename: file, Typ: tokenType(t), Val: val, Line: at.Line, Col: at.Column})
	}
	if len(toks) > 0 {
		p.at = r.Position(toks[0].Pos)
	}
	return p
}

// unquote is a string literal's text, its escapes (\", \\) read as
// pongo2's lexer reads them.
func unquote(lit string) string {
	body := lit[1 : len(lit)-1]
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

func tokenType(t parser.Token) TokenType {
	switch t.Kind {
	case parser.IdentToken:
		return TokenIdentifier
	case parser.KeywordToken:
		return TokenKeyword
	case parser.PunctToken:
		return TokenSymbol
	case parser.StringToken:
		return TokenString
	case parser.IntToken, parser.FloatToken:
		return TokenNumber
	}
	return TokenSymbol
}

// tagNode renders a pongo2 tag's node, with an ExecutionContext of its
// own over the render's.
type tagNode struct{ node INodeTag }

func (n tagNode) Render(s *render.State, out *render.Out) error {
	root, _ := s.Ctx.Value(execKey{}).(*ExecutionContext)
	var ec *ExecutionContext
	if root == nil {
		ec = &ExecutionContext{Public: Context{}, Private: Context{}, Shared: Context{}, Autoescape: s.Autoescape}
	} else {
		ec = NewChildExecutionContext(root)
	}
	ec.Autoescape, ec.state = s.Autoescape, s
	if err := n.node.Execute(ec, outWriter{out}); err != nil {
		return err
	}
	return nil
}

// outWriter is a render's output as a TemplateWriter.
type outWriter struct{ out *render.Out }

func (w outWriter) Write(p []byte) (int, error)       { return w.out.Write(p) }
func (w outWriter) WriteString(s string) (int, error) { w.out.WriteString(s); return len(s), nil }

var _ io.Writer = outWriter{}

// scoped is the state a tag's body or expression renders with: the
// render's, with the names the tag put in ctx.Private bound on top (as
// pongo2 looks in Private first) and ctx.Autoescape.
func (ctx *ExecutionContext) scoped() (*render.State, *Error) {
	if ctx.state == nil {
		return nil, ctx.Error("the execution context is not one of a render", nil)
	}
	if len(ctx.Private) == 0 && ctx.Autoescape == ctx.state.Autoescape {
		return ctx.state, nil
	}
	s := *ctx.state
	s.Autoescape = ctx.Autoescape // a tag may turn it off for its body, as {% autoescape %}
	if len(ctx.Private) > 0 {
		s.Scope = s.Scope.Push(len(ctx.Private))
		for _, k := range slices.Sorted(maps.Keys(ctx.Private)) {
			s.Scope.Set(k, ctx.Private[k])
		}
	}
	return &s, nil
}

// IEvaluator is an expression a tag parser read (Parser.ParseExpression):
// Evaluate gives its value, Execute prints it as {{ }} would.
type IEvaluator interface {
	INode
	GetPositionToken() *Token
	Evaluate(*ExecutionContext) (*Value, *Error)
	FilterApplied(name string) bool
}

// expression is an expression of a tag's arguments, compiled with the
// template.
type expression struct {
	e     parser.Expr
	x     render.Expr
	token *Token
}

// GetPositionToken is the expression's first token.
func (x *expression) GetPositionToken() *Token { return x.token }

// FilterApplied reports whether the filter name is applied to the
// expression (the last filter of its chain, or one before).
func (x *expression) FilterApplied(name string) bool {
	f, ok := x.e.(*parser.Filtered)
	if !ok {
		return false
	}
	for _, fl := range f.Filters {
		if fl.Name == name {
			return true
		}
	}
	return false
}

// Evaluate is the expression's value, waiting for it if it is pending.
func (x *expression) Evaluate(ctx *ExecutionContext) (*Value, *Error) {
	s, perr := ctx.scoped()
	if perr != nil {
		return nil, perr
	}
	if x.x == nil {
		return nil, ctx.Error("the expression was not compiled", x.token)
	}
	v, err := compiler.Eval(s, x.x)
	if err != nil {
		return nil, ctx.OrigError(err, x.token)
	}
	return wrap(v), nil
}

// Execute prints the expression's value as {{ }} would.
func (x *expression) Execute(ctx *ExecutionContext, w TemplateWriter) *Error {
	s, perr := ctx.scoped()
	if perr != nil {
		return perr
	}
	v, err := compiler.Eval(s, x.x)
	if err != nil {
		return ctx.OrigError(err, x.token)
	}
	if ow, ok := w.(outWriter); ok {
		ow.out.WriteValue(s, v)
		return nil
	}
	buf := render.NewCapture()
	buf.WriteValue(s, v)
	if _, err := w.WriteString(buf.String()); err != nil {
		return ctx.OrigError(err, x.token)
	}
	return nil
}

// Parser reads the tokens of a tag's arguments, for a custom tag's
// parser; the document's parser (a TagParser's doc) reads the tag's body
// with WrapUntilTag.
type Parser struct {
	name   string
	tokens []*Token
	ptoks  []parser.Token // the braid tokens of tokens
	idx    int
	doc    bool // the template's own parser (WrapUntilTag)
	at     parser.Position
	reader *parser.TagReader
	use    *tagUse
}

// Consume moves past the current token.
func (p *Parser) Consume() { p.ConsumeN(1) }

// ConsumeN moves past n tokens.
func (p *Parser) ConsumeN(n int) { p.idx += n }

// Current is the current token, or nil at the end.
func (p *Parser) Current() *Token { return p.Get(p.idx) }

// Get is the i-th token, or nil.
func (p *Parser) Get(i int) *Token {
	if i >= 0 && i < len(p.tokens) {
		return p.tokens[i]
	}
	return nil
}

// GetR is the token shift tokens from the current one, or nil.
func (p *Parser) GetR(shift int) *Token { return p.Get(p.idx + shift) }

// Count is the number of tokens.
func (p *Parser) Count() int { return len(p.tokens) }

// Remaining is the number of tokens left.
func (p *Parser) Remaining() int { return len(p.tokens) - p.idx }

// PeekN is the token shift tokens ahead if it has the type and value.
func (p *Parser) PeekN(shift int, typ TokenType, val string) *Token {
	if t := p.GetR(shift); t != nil && t.Typ == typ && t.Val == val {
		return t
	}
	return nil
}

// PeekTypeN is the token shift tokens ahead if it has the type.
func (p *Parser) PeekTypeN(shift int, typ TokenType) *Token {
	if t := p.GetR(shift); t != nil && t.Typ == typ {
		return t
	}
	return nil
}

// Peek is the current token if it has the type and value.
func (p *Parser) Peek(typ TokenType, val string) *Token { return p.PeekN(0, typ, val) }

// PeekType is the current token if it has the type.
func (p *Parser) PeekType(typ TokenType) *Token { return p.PeekTypeN(0, typ) }

// PeekOne is the current token if it has the type and one of the values.
func (p *Parser) PeekOne(typ TokenType, vals ...string) *Token {
	for _, v := range vals {
		if t := p.Peek(typ, v); t != nil {
			return t
		}
	}
	return nil
}

// Match consumes and returns the current token if it has the type and
// value.
func (p *Parser) Match(typ TokenType, val string) *Token {
	if t := p.Peek(typ, val); t != nil {
		p.Consume()
		return t
	}
	return nil
}

// MatchType consumes and returns the current token if it has the type.
func (p *Parser) MatchType(typ TokenType) *Token {
	if t := p.PeekType(typ); t != nil {
		p.Consume()
		return t
	}
	return nil
}

// MatchOne consumes and returns the current token if it has the type and
// one of the values.
func (p *Parser) MatchOne(typ TokenType, vals ...string) *Token {
	if t := p.PeekOne(typ, vals...); t != nil {
		p.Consume()
		return t
	}
	return nil
}

// Error returns a parse error at token (the current one when nil).
func (p *Parser) Error(msg string, token *Token) *Error {
	if token == nil {
		token = p.Current()
	}
	e := &Error{Filename: p.name, Sender: "parser", OrigError: errors.New(msg), Token: token}
	if token != nil {
		e.Line, e.Column = token.Line, token.Col
	}
	for i, t := range p.tokens {
		if t == token && i < len(p.ptoks) {
			e.at = p.reader.Position(p.ptoks[i].Pos) // where the braid parser reports it
		}
	}
	return e
}

// ParseExpression parses an expression from the current token on, as
// far as one reaches, and moves past it.
func (p *Parser) ParseExpression() (IEvaluator, *Error) {
	if p.reader == nil || p.doc {
		return nil, p.Error("ParseExpression reads a tag's arguments", nil)
	}
	if p.Remaining() <= 0 {
		return nil, p.Error("Expected either a number, string, keyword or identifier.", nil)
	}
	var firstErr error
	// The longest run of tokens that is an expression (pongo2 reads as
	// far as the expression goes, and a tag reads what follows).
	for end := len(p.ptoks); end > p.idx; end-- {
		e, err := p.reader.Expr(p.ptoks[p.idx:end])
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		x := &expression{e: e, token: p.Current()}
		p.use.exprs = append(p.use.exprs, x)
		p.idx = end
		return x, nil
	}
	msg := firstErr.Error()
	var pe *parser.Error
	if errors.As(firstErr, &pe) {
		msg = pe.Msg
	}
	return nil, p.Error(msg, nil)
}

// WrapUntilTag reads the tag's body up to the first of the tags names,
// and returns it with a parser of that tag's arguments; NodeWrapper's
// Endtag is the tag's name. Called again, it reads on from there (as an
// if reads up to {% else %}, then up to {% endif %}).
func (p *Parser) WrapUntilTag(names ...string) (*NodeWrapper, *Parser, *Error) {
	if !p.doc || p.reader == nil {
		return nil, nil, p.Error("WrapUntilTag reads the body of a tag: call it on the document's parser", nil)
	}
	body, end, err := p.reader.Until(names...)
	if err != nil {
		return nil, nil, p.wrapError(err)
	}
	w := &NodeWrapper{Endtag: end.Name, nodes: body}
	p.use.wrappers = append(p.use.wrappers, w)
	return w, newArgParser(p.name, end.Tokens, p.reader, p.use), nil
}

// SkipUntilTag passes over the tag's body up to the first of the tags
// names, without parsing it.
func (p *Parser) SkipUntilTag(names ...string) *Error {
	if !p.doc || p.reader == nil {
		return p.Error("SkipUntilTag skips the body of a tag: call it on the document's parser", nil)
	}
	if _, err := p.reader.Skip(names...); err != nil {
		return p.wrapError(err)
	}
	return nil
}

// wrapError is an error of the braid parser as pongo2's.
func (p *Parser) wrapError(err error) *Error {
	e := &Error{Filename: p.name, Sender: "parser", OrigError: err}
	var pe *parser.Error
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Pos.Line, pe.Pos.Column
	}
	return e
}

// NodeWrapper is a body a tag's parser read (Parser.WrapUntilTag).
type NodeWrapper struct {
	// Endtag is the name of the tag that ended the body.
	Endtag string
	nodes  []parser.Node
	body   render.Nodes
}

// Execute renders the body, with the names in ctx.Private bound.
func (w *NodeWrapper) Execute(ctx *ExecutionContext, writer TemplateWriter) *Error {
	s, perr := ctx.scoped()
	if perr != nil {
		return perr
	}
	if ow, ok := writer.(outWriter); ok {
		if err := w.body.Render(s, ow.out); err != nil {
			return ctx.OrigError(err, nil)
		}
		return nil
	}
	buf := render.NewCapture()
	if err := w.body.Render(s, buf); err != nil {
		return ctx.OrigError(err, nil)
	}
	if _, err := writer.WriteString(buf.String()); err != nil {
		return ctx.OrigError(err, nil)
	}
	return nil
}
