package parser

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Tags that read their own body: Django's compile functions call
// parser.parse(("else", "endmytag")) when they want a body, and where it
// ends depends on what they read so far. A tag registered with
// WithTagParser works the same way: the parser calls its function when it
// meets the tag, and the function reads the body through a TagReader.

// TagParseFunc reads one use of a tag as the parser meets it: n is the
// tag (its Name and Tokens), r reads its body, if it has one, and parses
// expressions of its tokens. What it returns is kept in n.Parsed for the
// tag's compiler; an error is reported at the tag, or at its own position
// when it is an *Error.
type TagParseFunc func(n *TagNode, r *TagReader) (any, error)

// WithTagParser makes the parser call parse for every use of the tag name
// (one the grammar does not know) instead of reading it by a fixed shape
// (WithBlockTag).
func WithTagParser(name string, parse TagParseFunc) Option {
	return func(o *options) {
		if o.tagParsers == nil {
			o.tagParsers = map[string]TagParseFunc{}
		}
		o.tagParsers[name] = parse
	}
}

// TagReader reads the body of the tag a TagParseFunc is reading, and
// parses expressions of its tokens and of the tokens of the tags that end
// its parts.
type TagReader struct {
	b    *builder
	seg  *segment   // the tag
	node *TagNode   // the tag being read
	segs []*segment // the tag and the tags that ended its parts, for Expr
	last *Clause    // the tag that ended the part read last
	// err is the error of a failed Until or Skip: no more is read after
	// one. reported says that the parser reported it already.
	err      *Error
	reported bool
}

// Until reads the tag's body up to the first of the tags names (at this
// level of nesting: a tag inside the body reads its own body), and
// returns the body and the tag that ended it, which it consumes. Calls
// after the first read the parts after that tag (as {% else %} divides
// an if): each part is the Body of the tag that began it, in
// n.Clauses; end is n.EndTag until the next call. A missing end tag is an
// error (reported once).
func (r *TagReader) Until(names ...string) (body []Node, end *Clause, err error) {
	if r.err != nil {
		return nil, nil, r.err
	}
	if len(names) == 0 {
		return nil, nil, errors.New("Until needs the name of a tag that ends the body")
	}
	b, n := r.b, r.node
	after := ""
	if r.last != nil {
		after = r.last.Name
	}
	nerr := len(b.errs)
	body, stop, stopSeg := b.clause(r.seg, n.Name, after, names)
	if stop == "" {
		r.err = &Error{Pos: r.b.position(r.seg.pos), Msg: fmt.Sprintf("{%% %s %%} is never closed: expected %s", n.Name, orList(names))}
		if len(b.errs) > nerr {
			r.err, r.reported = b.errs[nerr], true
		}
		return nil, nil, r.err
	}
	if r.last == nil {
		n.Block, n.Body = true, body
	} else {
		r.last.Body = body
		n.Clauses = append(n.Clauses, r.last)
	}
	_, cargs := tagName(stopSeg)
	c := &Clause{Span: span(stopSeg.pos, stopSeg.end), Name: stop, Args: rawArgs(b.src, stopSeg, cargs), Tokens: publicTokens(cargs)}
	c.args = b.tagArgs(stopSeg, stop, cargs)
	r.last, n.EndTag = c, c
	r.keep(stopSeg)
	n.Span = span(r.seg.pos, stopSeg.end)
	return body, c, nil
}

// Skip passes over the template up to the first tag of the given names,
// which it consumes, without parsing what is between (as a comment's
// body); that text is lost. It returns the tag it stopped at.
func (r *TagReader) Skip(names ...string) (*Clause, error) {
	if r.err != nil {
		return nil, r.err
	}
	b := r.b
	for seg := b.peek(); seg != nil && !b.aborted; seg = b.peek() {
		b.advance()
		if seg.kind != segTag || !seg.closed {
			continue
		}
		name, cargs := tagName(seg)
		if !slices.Contains(names, name) {
			continue
		}
		c := &Clause{Span: segSpan(seg), Name: name, Args: rawArgs(b.src, seg, cargs), Tokens: publicTokens(cargs)}
		c.args = b.tagArgs(seg, name, cargs)
		r.node.EndTag = c
		r.keep(seg)
		r.node.Span = span(r.seg.pos, seg.end)
		return c, nil
	}
	msg := fmt.Sprintf("{%% %s %%} is never closed: expected %s before the end of the template", r.node.Name, orList(names))
	if b.opts.pongo2 {
		msg = fmt.Sprintf("Unexpected EOF, expected tag %s.", strings.Join(names, " or "))
	}
	r.err = &Error{Pos: r.b.position(r.seg.pos), Msg: msg}
	return nil, r.err
}

// keep adds seg to the segments Expr reads, with a copy of its tokens:
// the lexer reuses the tokens' memory for the tags after it, which Until
// reads.
func (r *TagReader) keep(seg *segment) {
	c := *seg
	c.toks = slices.Clone(seg.toks)
	r.segs = append(r.segs, &c)
}

// Expr parses toks, a run of consecutive tokens of the tag or of a tag
// that ended one of its parts, as one expression (what {{ }} holds).
func (r *TagReader) Expr(toks []Token) (Expr, error) {
	if len(toks) == 0 {
		return nil, &Error{Pos: r.b.position(r.seg.pos), Msg: "expected an expression"}
	}
	first, last := int(toks[0].Pos), int(toks[len(toks)-1].Pos)
	for _, seg := range r.segs {
		if first < int(seg.pos) || last >= int(seg.end) {
			continue
		}
		var run []token
		for _, t := range seg.toks {
			if t.Type != tokEOF && int(t.Pos) >= first && int(t.Pos) <= last {
				run = append(run, t)
			}
		}
		if len(run) == 0 {
			break
		}
		end := run[len(run)-1]
		run = append(run, token{Type: tokEOF, Pos: tokPos(int(end.Pos) + len(end.Value))})
		return r.b.parseExpr(seg, run)
	}
	return nil, &Error{Pos: r.b.position(toks[0].Pos), Msg: "the tokens are not the tag's"}
}

// parseExpr parses toks (ending in EOF) as an expression, returning the
// error instead of reporting it.
func (b *builder) parseExpr(seg *segment, toks []token) (Expr, error) {
	n := len(b.errs)
	defer func() { b.errs = b.errs[:n] }()
	if !b.depthOK(toks) {
		return nil, b.errs[n]
	}
	v, err := exprGrammar.parse(toks)
	if err != nil {
		b.grammarError(err, toks, "the expression", "")
		if len(b.errs) > n {
			return nil, b.errs[n]
		}
		return nil, &Error{Pos: b.position(toks[0].Pos), Msg: err.Error()}
	}
	x := b.expr(v.X)
	if len(b.errs) > n {
		return nil, b.errs[n]
	}
	return x, nil
}

// parsedTag reads a use of a tag that has a TagParseFunc.
func (b *builder) parsedTag(seg *segment, name string, args []token, parse TagParseFunc) Node {
	n := &TagNode{Span: segSpan(seg), Name: name, Args: rawArgs(b.src, seg, args), Tokens: publicTokens(args)}
	n.args = b.tagArgs(seg, name, args)
	b.shared = true // r may outlive the parse
	r := &TagReader{b: b, seg: seg, node: n}
	r.keep(seg)
	v, err := parse(n, r)
	if err != nil {
		var pe *Error
		switch {
		case r.reported && errors.Is(err, r.err):
			// reported already
		case errors.As(err, &pe):
			if pe.Pos.Filename == "" {
				pe.Pos.Filename = b.name
			}
			b.errs = append(b.errs, pe)
		default:
			msg := err.Error()
			if !strings.Contains(msg, name) {
				msg = "{% " + name + " %}: " + msg
			}
			b.errorSpan(seg, "%s", msg)
		}
		return nil
	}
	n.Parsed = v
	return n
}

// Position returns the line and column of offset p in the template being
// parsed, for a tag's function that words its own errors.
func (r *TagReader) Position(p Pos) Position { return r.b.position(p) }
