package pongo2

import (
	"errors"
	"fmt"
	"io"

	"github.com/braidtpl/braid"
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
// a banned built-in, fails to compile.
func registeredTags(banned map[string]bool) []braid.Option {
	registryMu.RLock()
	defer registryMu.RUnlock()
	var opts []braid.Option
	for name, fn := range tagFns {
		opts = append(opts, braid.WithTag(name, braid.BlockTag{Compile: compileTag(name, fn, banned[name])}))
	}
	return opts
}

// compileTag runs a pongo2 tag parser on a use of the tag.
func compileTag(name string, fn TagParser, banned bool) func(*braid.TagCall) (render.Node, error) {
	return func(call *braid.TagCall) (render.Node, error) {
		if banned {
			return nil, call.Errorf(call.Node.Pos, "usage of tag '%s' is not allowed (sandbox restriction active)", name)
		}
		file := displayName(call.Node.Pos.Filename)
		start := &Token{Filename: file, Typ: TokenIdentifier, Val: name, Line: call.Node.Pos.Line, Col: call.Node.Pos.Column}
		args := &Parser{name: file}
		for _, t := range call.Node.Tokens {
			val := t.Text
			if t.Kind == parser.StringToken && len(val) >= 2 {
				val = val[1 : len(val)-1] // pongo2's string tokens have no quotes
			}
			args.tokens = append(args.tokens, &Token{Filename: file, Typ: tokenType(t), Val: val, Line: t.Pos.Line, Col: t.Pos.Column})
		}
		node, perr := fn(&Parser{name: file, doc: true}, start, args)
		if perr != nil {
			return nil, call.Errorf(call.Node.Pos, "%v", perr.OrigError)
		}
		return tagNode{node: node}, nil
	}
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

// tagNode renders a pongo2 tag's node.
type tagNode struct{ node INodeTag }

func (n tagNode) Render(s *render.State, out *render.Out) error {
	ec, _ := s.Ctx.Value(execKey{}).(*ExecutionContext)
	if ec == nil {
		ec = &ExecutionContext{Public: Context{}, Private: Context{}, Shared: Context{}, Autoescape: s.Autoescape}
	}
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

// Parser reads the tokens of a tag's arguments, for a custom tag's parser.
type Parser struct {
	name   string
	tokens []*Token
	idx    int
	doc    bool // the template's own parser (WrapUntilTag)
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
	return e
}

// WrapUntilTag would parse a tag's body. Not available yet: braid's
// custom tags take a body when registered with one.
func (p *Parser) WrapUntilTag(names ...string) (*NodeWrapper, *Parser, *Error) {
	return nil, nil, p.Error("WrapUntilTag is not supported by braid's compat/pongo2 yet", nil)
}

// SkipUntilTag would skip a tag's body. Not available yet.
func (p *Parser) SkipUntilTag(names ...string) *Error {
	return p.Error("SkipUntilTag is not supported by braid's compat/pongo2 yet", nil)
}

// NodeWrapper is a parsed body of a tag.
type NodeWrapper struct {
	Endtag string
}

// Execute renders the body.
func (w *NodeWrapper) Execute(ctx *ExecutionContext, writer TemplateWriter) *Error { return nil }
