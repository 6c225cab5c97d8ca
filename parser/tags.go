package parser

import (
	"strings"
)

// usage is each built-in tag's syntax, quoted in errors about its arguments.
var usage = map[string]string{
	"autoescape":  "{% autoescape on %} or {% autoescape off %}",
	"block":       "{% block name %}",
	"endblock":    "{% endblock %} or {% endblock name %}",
	"cycle":       "{% cycle value1 value2 … [as name [silent]] %}",
	"extends":     `{% extends "base.html" %}`,
	"filter":      "{% filter name|name:arg %}",
	"firstof":     "{% firstof value1 value2 … [as name] %}",
	"for":         "{% for item in sequence [reversed] [sorted] %} or {% for key, value in items %}",
	"if":          "{% if condition %}",
	"elif":        "{% elif condition %}",
	"ifchanged":   "{% ifchanged [value …] %}",
	"ifequal":     "{% ifequal a b %}",
	"ifnotequal":  "{% ifnotequal a b %}",
	"include":     `{% include "name.html" [with key=value …] [only] %}`,
	"load":        "{% load library … %} or {% load name … from library %}",
	"lorem":       "{% lorem [count] [w|p|b] [random] %}",
	"now":         `{% now "format" [as name] %}`,
	"partialdef":  "{% partialdef name [inline] %}",
	"partial":     "{% partial name %}",
	"querystring": "{% querystring [mapping …] [key=value …] [as name] %}",
	"regroup":     "{% regroup sequence by attribute as name %}",
	"resetcycle":  "{% resetcycle [name] %}",
	"templatetag": "{% templatetag openblock|closeblock|openvariable|closevariable|openbrace|closebrace|opencomment|closecomment %}",
	"url":         `{% url "name" arg … [key=value …] [as name] %}`,
	"verbatim":    "{% verbatim [name] %}",
	"widthratio":  "{% widthratio value max_value max_width [as name] %}",
	"with":        "{% with name=value … %} or {% with value as name %}",
	"set":         "{% set name = value %}",
	"macro":       "{% macro name(param, param=default …) [export] %}",
	"import":      `{% import "file.html" name [as alias], … %}`,
	"ssi":         `{% ssi "path" [parsed] %}`,
}

var templatetags = map[string]bool{
	"openblock": true, "closeblock": true, "openvariable": true, "closevariable": true,
	"openbrace": true, "closebrace": true, "opencomment": true, "closecomment": true,
}

// tag parses one tag (its segment consumed) and, for block tags, its body.
func (b *builder) tag(seg *segment, name string, args []token) Node {
	sp := segSpan(seg)
	switch name {
	case "":
		if isEmpty(seg.toks) {
			b.errorSpan(seg, "empty tag {%% %%}: expected a tag name such as {%% if %%}")
		} else if !seg.bad {
			b.errorAt(args[0].Pos, "expected a tag name after {%%, found %s", describe(args[0], ""))
		}
		return nil
	case "autoescape":
		n := &AutoescapeNode{}
		if a := parseArgs(b, autoescapeGrammar, seg, name, args); a != nil {
			n.On = a.Mode == "on"
		}
		n.Body, n.Span = b.simpleBody(seg, name)
		return n
	case "block":
		n := &BlockNode{}
		if a := parseArgs(b, nameGrammar, seg, name, args); a != nil {
			n.Name = a.Name
			if !b.opts.pongo2 {
				b.defineBlock(seg, a.Name)
			}
		}
		body, _, end := b.body(seg, name, blockTags["block"])
		n.Body, n.Span = body, span(seg.pos, b.endPos(end))
		matched := true
		if end != nil {
			_, eargs := tagName(end)
			if b.opts.pongo2 && countArgs(eargs) > 1 {
				b.errorSpan(end, "Either no or only one argument (identifier) allowed for 'endblock'.")
				matched = false
			} else if a := parseArgs(b, optNameGrammar, end, "endblock", eargs); a != nil && a.Name != "" {
				n.EndName = a.Name
				if n.Name != "" && a.Name != n.Name {
					if b.opts.pongo2 {
						b.errorSpan(end, "Name for 'endblock' must equal to 'block'-tag's name ('%s' != '%s').", n.Name, a.Name)
					} else {
						b.errorSpan(end, "{%% endblock %s %%} does not match the {%% block %s %%} opened at %s", a.Name, n.Name, b.at(seg.pos))
					}
					b.coded(CodeEndblockMismatch)
					matched = false
				}
			}
		}
		if b.opts.pongo2 && n.Name != "" && matched {
			// pongo2 defines a block once it has read it whole: an inner
			// block of the same name comes first.
			b.defineBlock(seg, n.Name)
		}
		return n
	case "comment":
		n := &CommentTagNode{Note: strings.TrimSpace(rawArgs(b.src, seg, args))}
		n.Text, n.Span = b.rawBody(seg, name)
		return n
	case "csrf_token":
		b.noArgs(seg, name, args)
		return &CsrfTokenNode{Span: sp}
	case "cycle":
		n := &CycleNode{Span: sp}
		if a := parseArgs(b, cycleGrammar, seg, name, args); a != nil {
			n.Values, n.As, n.Silent = b.terms(a.Values), a.As, a.Silent
		}
		return n
	case "debug":
		b.noArgs(seg, name, args)
		return &DebugNode{Span: sp}
	case "extends":
		return &ExtendsNode{Span: sp, Parent: b.condition(seg, name, args)}
	case "filter":
		n := &FilterNode{}
		if a := parseArgs(b, filterGrammar, seg, name, args); a != nil {
			n.Filters = b.filters(a.Filters)
			for _, f := range n.Filters {
				if (f.Name == "escape" || f.Name == "safe") && !b.opts.pongo2 {
					// Django refuses these here: the autoescape tag says it.
					b.errorAt(f.Pos, "{%% filter %s %%} is not permitted: use {%% autoescape %%} instead", f.Name)
				}
			}
		}
		n.Body, n.Span = b.simpleBody(seg, name)
		return n
	case "firstof":
		n := &FirstofNode{Span: sp}
		if b.opts.pongo2 && !hasArgs(args) { // pongo2 prints nothing for {% firstof %}
			return n
		}
		if a := parseArgs(b, firstofGrammar, seg, name, args); a != nil {
			n.Values, n.As = b.terms(a.Values), a.As
		}
		return n
	case "for":
		return b.forTag(seg, args)
	case "if":
		return b.ifTag(seg, args)
	case "ifchanged":
		n := &IfChangedNode{}
		if a := parseArgs(b, termsGrammar, seg, name, args); a != nil {
			n.Values = b.terms(a.Values)
		}
		n.Body, n.Else, n.Span = b.elseBody(seg, name)
		return n
	case "ifequal", "ifnotequal":
		n := &IfEqualNode{Not: name == "ifnotequal"}
		if a := parseArgs(b, ifEqualGrammar, seg, name, args); a != nil {
			n.A, n.B = b.operand(a.A), b.operand(a.B)
		}
		n.Body, n.Else, n.Span = b.elseBody(seg, name)
		return n
	case "include":
		n := &IncludeNode{Span: sp}
		if a := parseArgs(b, includeGrammar, seg, name, args); a != nil {
			n.Template = b.expr(a.Template)
			for _, o := range a.Opts {
				switch {
				case o.With != nil:
					n.With = append(n.With, b.kwargs(o.With)...)
				case o.Only:
					n.Only = true
				case o.IfExists:
					n.IfExists = true
				}
			}
		}
		return n
	case "load":
		n := &LoadNode{Span: sp}
		if a := parseArgs(b, loadGrammar, seg, name, args); a != nil {
			for _, it := range a.Items {
				n.Libraries = append(n.Libraries, strings.Join(it.Parts, "."))
			}
			if a.From != nil {
				n.Names, n.Libraries = n.Libraries, []string{strings.Join(a.From.Parts, ".")}
			}
		}
		return n
	case "lorem":
		n := &LoremNode{Span: sp}
		if a := parseArgs(b, loremGrammar, seg, name, args); a != nil {
			if a.Count != nil {
				n.Count = b.operand(a.Count)
			}
			n.Method, n.Random = a.Method, a.Random
		}
		return n
	case "now":
		n := &NowNode{Span: sp}
		if a := parseArgs(b, nowGrammar, seg, name, args); a != nil {
			n.Format, n.As, n.Fake = b.operand(a.Format), a.As, a.Fake
			if a.Fake && !b.opts.pongo2 {
				b.errorAt(seg.pos, "{%% now %%}: unexpected name \"fake\"; usage: %s", usage["now"])
			}
		}
		return n
	case "partialdef":
		n := &PartialDefNode{}
		if a := parseArgs(b, partialDefGrammar, seg, name, words(args)); a != nil {
			n.Name, n.Inline = a.Name, a.Inline
		}
		body, _, end := b.body(seg, name, []string{"endpartialdef"})
		n.Body, n.Span = body, span(seg.pos, b.endPos(end))
		if end != nil {
			_, eargs := tagName(end)
			if a := parseArgs(b, optNameGrammar, end, "endpartialdef", words(eargs)); a != nil && a.Name != "" {
				n.EndName = a.Name
				if n.Name != "" && a.Name != n.Name {
					b.errorSpan(end, "{%% endpartialdef %s %%} does not match the {%% partialdef %s %%} opened at %s", a.Name, n.Name, b.at(seg.pos))
				}
			}
		}
		return n
	case "partial":
		n := &PartialNode{Span: sp}
		if a := parseArgs(b, nameGrammar, seg, name, words(args)); a != nil {
			n.Name = a.Name
		}
		return n
	case "querystring":
		n := &QuerystringNode{Span: sp}
		if a := parseArgs(b, argsAsGrammar, seg, name, args); a != nil {
			n.Args, n.As = b.args(a.Args), a.As
		}
		return n
	case "regroup":
		n := &RegroupNode{Span: sp}
		if a := parseArgs(b, regroupGrammar, seg, name, args); a != nil {
			n.Seq, n.By, n.As = b.operand(a.Seq), b.operand(a.By), a.As
		}
		return n
	case "resetcycle":
		n := &ResetcycleNode{Span: sp}
		if a := parseArgs(b, optNameGrammar, seg, name, args); a != nil {
			n.Name = a.Name
		}
		return n
	case "spaceless":
		b.noArgs(seg, name, args)
		n := &SpacelessNode{}
		n.Body, n.Span = b.simpleBody(seg, name)
		return n
	case "templatetag":
		n := &TemplatetagNode{Span: sp}
		if a := parseArgs(b, nameGrammar, seg, name, args); a != nil {
			n.Which = a.Name
			if !templatetags[a.Name] {
				b.errorSpan(seg, "{%% templatetag %s %%}: unknown argument %q; usage: %s", a.Name, a.Name, usage[name])
			}
		}
		return n
	case "url":
		n := &URLNode{Span: sp}
		if a := parseArgs(b, urlGrammar, seg, name, args); a != nil {
			n.Name, n.Args, n.As = b.operand(a.Name), b.args(a.Args), a.As
		}
		return n
	case "verbatim":
		n := &VerbatimNode{}
		if a := parseArgs(b, optNameGrammar, seg, name, args); a != nil {
			n.Name = a.Name
		}
		n.Text, n.Span = b.rawBody(seg, name)
		return n
	case "widthratio":
		n := &WidthratioNode{Span: sp}
		if a := parseArgs(b, widthratioGrammar, seg, name, args); a != nil {
			n.Value, n.Max, n.Width, n.As = b.operand(a.Value), b.operand(a.Max), b.operand(a.Width), a.As
		}
		return n
	case "with":
		n := &WithNode{}
		var legacy []*gLegacyWith
		var kwargs []*gKwarg
		if b.opts.pongo2 {
			if a := parseArgs(b, withPongo2Grammar, seg, name, args); a != nil {
				legacy, kwargs = a.Legacy, a.Args
			}
		} else if a := parseArgs(b, withGrammar, seg, name, args); a != nil {
			kwargs = a.Args
			if a.Legacy != nil {
				legacy = []*gLegacyWith{a.Legacy}
			}
		}
		if len(legacy) > 0 {
			for _, l := range legacy {
				n.Args = append(n.Args, &Arg{Span: span(off(l.Pos), off(l.EndPos)), Name: l.Name, Value: b.operand(l.Value)})
			}
			n.Legacy = len(legacy) == 1 // several pairs (pongo2) print as name=value
		} else {
			n.Args = b.kwargs(kwargs)
		}
		n.Body, n.Span = b.simpleBody(seg, name)
		return n
	case "set":
		n := &SetNode{Span: sp}
		if a := parseArgs(b, setGrammar, seg, name, args); a != nil {
			n.Name, n.Value = a.Name, b.expr(a.Value)
		}
		return n
	case "macro":
		n := &MacroNode{}
		if a := parseArgs(b, macroGrammar, seg, name, args); a != nil {
			n.Name, n.Export = a.Name, a.Export
			for _, p := range a.Params {
				arg := &Arg{Span: span(off(p.Pos), off(p.EndPos)), Name: p.Name}
				if p.Default != nil {
					arg.Value = b.expr(p.Default)
				}
				n.Params = append(n.Params, arg)
			}
		}
		n.Body, n.Span = b.simpleBody(seg, name)
		return n
	case "import":
		n := &ImportNode{Span: sp}
		if a := parseArgs(b, importGrammar, seg, name, args); a != nil {
			n.Template = b.operand(a.Template)
			for _, in := range a.Names {
				n.Names = append(n.Names, &ImportName{Span: span(off(in.Pos), off(in.EndPos)), Name: in.Name, As: in.As})
			}
		}
		return n
	case "ssi":
		n := &SSINode{Span: sp}
		if a := parseArgs(b, ssiGrammar, seg, name, args); a != nil {
			n.Path, n.Parsed = b.operand(a.Path), a.Parsed
		}
		return n
	}
	return b.customTag(seg, name, args)
}

// defineBlock records the block name, opened at seg; a second one of the
// name is an error.
func (b *builder) defineBlock(seg *segment, name string) {
	if b.blocks == nil {
		b.blocks = map[string]Pos{}
	}
	first, dup := b.blocks[name]
	switch {
	case dup && b.opts.pongo2:
		b.errorSpan(seg, "Block named '%s' already defined.", name)
	case dup:
		b.errorSpan(seg, "{%% block %s %%} appears more than once (first at %s)", name, b.at(first))
	default:
		b.blocks[name] = seg.pos
		return
	}
	b.coded(CodeBlockDuplicate)
}

// countArgs is the number of a tag's argument tokens (not spaces).
func countArgs(args []token) int {
	n := 0
	for _, t := range args {
		if t.Type != tokSpace && t.Type != tokEOF {
			n++
		}
	}
	return n
}

// customTag parses a tag the grammar does not know, with its body when it
// is registered as a block tag.
// hasArgs reports whether a tag has arguments: tokens other than spaces
// and its end.
func hasArgs(args []token) bool {
	for _, t := range args {
		if t.Type != tokSpace && t.Type != tokEOF {
			return true
		}
	}
	return false
}

func (b *builder) customTag(seg *segment, name string, args []token) Node {
	if parse, ok := b.opts.tagParsers[name]; ok {
		return b.parsedTag(seg, name, args, parse)
	}
	n := &TagNode{Span: segSpan(seg), Name: name, Args: rawArgs(b.src, seg, args), Tokens: publicTokens(args)}
	n.args = b.tagArgs(seg, name, args)
	mids, block := b.opts.blockTags[name]
	if !block {
		return n
	}
	n.Block = true
	stops := append(append([]string{}, mids...), "end"+name)
	body, stop, stopSeg := b.body(seg, name, stops)
	n.Body = body
	for stop != "" && stop != "end"+name {
		cseg := stopSeg
		_, cargs := tagName(cseg)
		c := &Clause{Name: stop, Args: rawArgs(b.src, cseg, cargs), Tokens: publicTokens(cargs)}
		c.args = b.tagArgs(cseg, stop, cargs)
		c.Body, stop, stopSeg = b.clause(seg, name, "", stops)
		c.Span = span(cseg.pos, b.clauseEnd(stopSeg))
		n.Clauses = append(n.Clauses, c)
	}
	n.Span = span(seg.pos, b.endPos(stopSeg))
	return n
}

// tagArgs reads a custom tag's arguments as TagArgs. An error is kept for
// the tag's compiler to report, not reported here: a tag with a syntax of
// its own reads its tokens instead.
func (b *builder) tagArgs(seg *segment, name string, args []token) tagArgs {
	n := len(b.errs)
	defer func() { b.errs = b.errs[:n] }()
	a := parseArgs(b, tagArgsGrammar, seg, name, args)
	var out tagArgs
	if a != nil {
		out.v = &TagArgs{Args: b.args(a.Args), As: a.As}
	}
	if len(b.errs) > n {
		out.v, out.err = nil, b.errs[n]
	}
	return out
}

// rawArgs is the source of a tag's arguments, trimmed.
func rawArgs(src string, seg *segment, args []token) string {
	if len(args) == 0 {
		return ""
	}
	return strings.TrimSpace(src[int(args[0].Pos):int(args[len(args)-1].Pos)])
}

func publicTokens(toks []token) []Token {
	var out []Token
	for _, t := range toks {
		var k TokenKind
		switch t.Type {
		case tokIdent:
			k = IdentToken
		case tokKeyword, tokNot:
			k = KeywordToken
			if t.Value == "!" {
				k = PunctToken
			}
		case tokLit:
			k = litKind(t.Value)
		case tokOp, tokSign, tokPunct:
			k = PunctToken
		default:
			continue
		}
		out = append(out, Token{Kind: k, Text: t.Value, Pos: t.Pos})
	}
	return out
}

// endPos is where a block tag ends: after its end tag, or, when that is
// missing, where parsing of its body stopped.
func (b *builder) endPos(end *segment) Pos {
	if end != nil {
		return end.end
	}
	if next := b.peek(); next != nil {
		return next.pos
	}
	if b.lex.last != nil {
		return b.lex.last.end
	}
	return 0
}

// clauseEnd is where a clause ends: at the next clause or end tag.
func (b *builder) clauseEnd(next *segment) Pos {
	if next != nil {
		return next.pos
	}
	return b.endPos(nil)
}

// simpleBody parses the body of a tag whose only stop is end<name>, which
// takes no arguments.
func (b *builder) simpleBody(seg *segment, name string) ([]Node, Span) {
	body, _, end := b.body(seg, name, []string{"end" + name})
	if end != nil {
		_, eargs := tagName(end)
		b.noArgs(end, "end"+name, eargs)
	}
	return body, span(seg.pos, b.endPos(end))
}

// elseBody parses a body with an optional {% else %}.
func (b *builder) elseBody(seg *segment, name string) ([]Node, *Clause, Span) {
	end := "end" + name
	body, stop, stopSeg := b.body(seg, name, []string{"else", end})
	var els *Clause
	if stop == "else" {
		cseg := stopSeg
		_, cargs := tagName(cseg)
		b.noArgs(cseg, "else", cargs)
		var cbody []Node
		cbody, _, stopSeg = b.clause(seg, name, "else", []string{end})
		els = &Clause{Span: span(cseg.pos, b.clauseEnd(stopSeg)), Name: "else", Body: cbody}
	}
	if stopSeg != nil {
		_, eargs := tagName(stopSeg)
		b.noArgs(stopSeg, end, eargs)
	}
	return body, els, span(seg.pos, b.endPos(stopSeg))
}

// quickFor reads the commonest {% for %}, names "in" a sequence that
// quickExpr reads (for k, v in page.items|dictsort:"k"), without the
// grammar; it declines anything else (reversed, sorted, errors).
// TestQuickMatchesGrammar and FuzzParse check it against the grammar.
func (b *builder) quickFor(seg *segment, args []token) (vars []string, seq Expr, ok bool) {
	if seg.bad || b.opts.pongo2 {
		return nil, nil, false
	}
	return quickForArgs(args, b.opts.maxDepth, &b.exprs)
}

func quickForArgs(args []token, max int, slabs *exprSlabs) (vars []string, seq Expr, ok bool) {
	skip := func(i int) int {
		for args[i].Type == tokSpace {
			i++
		}
		return i
	}
	i := skip(0)
	for {
		if args[i].Type != tokIdent {
			return nil, nil, false
		}
		vars = append(vars, args[i].Value)
		if i = skip(i + 1); args[i].Type != tokPunct || args[i].Value != "," {
			break
		}
		i = skip(i + 1)
	}
	if args[i].Type != tokKeyword || args[i].Value != "in" {
		return nil, nil, false
	}
	if seq, ok = quickExprFrom(args[i+1:], max, slabs); !ok {
		return nil, nil, false
	}
	return vars, seq, true
}

func (b *builder) forTag(seg *segment, args []token) Node {
	n := &ForNode{}
	if vars, seq, ok := b.quickFor(seg, args); ok {
		n.Vars, n.Seq = vars, seq
	} else if a := parseArgs(b, forGrammar, seg, "for", args); a != nil {
		n.Vars, n.Seq = a.Vars, b.expr(a.Seq)
		for _, o := range a.Opts {
			switch o {
			case "reversed":
				n.Reversed = true
			case "sorted":
				n.Sorted = true
			}
		}
	}
	body, stop, stopSeg := b.body(seg, "for", blockTags["for"])
	n.Body = body
	if stop == "empty" {
		cseg := stopSeg
		_, cargs := tagName(cseg)
		b.noArgs(cseg, "empty", cargs)
		var cbody []Node
		cbody, _, stopSeg = b.clause(seg, "for", "empty", endforStop)
		n.Empty = &Clause{Span: span(cseg.pos, b.clauseEnd(stopSeg)), Name: "empty", Body: cbody}
	}
	if stopSeg != nil {
		_, eargs := tagName(stopSeg)
		b.noArgs(stopSeg, "endfor", eargs)
	}
	n.Span = span(seg.pos, b.endPos(stopSeg))
	return n
}

func (b *builder) ifTag(seg *segment, args []token) Node {
	n := &IfNode{Cond: b.condition(seg, "if", args)}
	stops := blockTags["if"]
	body, stop, stopSeg := b.body(seg, "if", stops)
	n.Body = body
	for stop == "elif" || stop == "else" {
		cseg := stopSeg
		_, cargs := tagName(cseg)
		c := &Clause{Name: stop}
		after := ""
		if stop == "elif" {
			c.Cond = b.condition(cseg, "elif", cargs)
		} else {
			b.noArgs(cseg, "else", cargs)
			stops, after = endifStop, "else"
		}
		c.Body, stop, stopSeg = b.clause(seg, "if", after, stops)
		c.Span = span(cseg.pos, b.clauseEnd(stopSeg))
		n.Clauses = append(n.Clauses, c)
	}
	if stopSeg != nil {
		_, eargs := tagName(stopSeg)
		b.noArgs(stopSeg, "endif", eargs)
	}
	n.Span = span(seg.pos, b.endPos(stopSeg))
	return n
}

// rawBody takes the raw body that the lexer kept for verbatim and comment,
// and the end tag after it.
func (b *builder) rawBody(seg *segment, name string) (string, Span) {
	if !seg.closed {
		return "", segSpan(seg)
	}
	text := ""
	if next := b.peek(); next != nil && next.kind == segRaw {
		text = next.text
		b.advance()
	}
	if next := b.peek(); next != nil && next.kind == segTag {
		if end, _ := tagName(next); end == "end"+name {
			b.advance()
			return text, span(seg.pos, next.end)
		}
	}
	b.errorSpan(seg, "{%% %s %%} is never closed: expected {%% end%s %%} before the end of the template", name, name)
	return text, span(seg.pos, b.endPos(nil))
}

// words joins each run of tokens with no space between them into one
// identifier, as Django splits a partial's arguments on whitespace only:
// {% partialdef user-info %} names the partial "user-info".
func words(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if n := len(out); n > 0 && t.Type != tokSpace && t.Type != tokEOF && out[n-1].Type != tokSpace &&
			int(out[n-1].Pos)+len(out[n-1].Value) == int(t.Pos) {
			out[n-1].Type = tokIdent
			out[n-1].Value += t.Value
			continue
		}
		out = append(out, t)
	}
	return out
}
