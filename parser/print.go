package parser

import "strings"

// Print returns a template as canonical source: tags and expressions
// spelled in one way with single spaces, text, comments and raw bodies as
// they were. Parse(Print(t)) gives t back, positions aside.
func Print(t *Template) string {
	var p printer
	p.nodes(t.Body)
	return p.String()
}

type printer struct{ strings.Builder }

func (p *printer) nodes(ns []Node) {
	for _, n := range ns {
		p.node(n)
	}
}

// tag writes {% name args %}, args joined by single spaces.
func (p *printer) tag(name string, args ...string) {
	p.WriteString("{% ")
	p.WriteString(name)
	for _, a := range args {
		if a != "" {
			p.WriteByte(' ')
			p.WriteString(a)
		}
	}
	p.WriteString(" %}")
}

func (p *printer) node(n Node) {
	switch n := n.(type) {
	case *TextNode:
		p.WriteString(n.Text)
	case *CommentNode:
		p.WriteString("{#" + n.Text + "#}")
	case *OutputNode:
		p.WriteString("{{ " + exprString(n.Expr) + " }}")
	case *TagNode:
		p.tag(n.Name, n.Args)
		if n.Block {
			p.nodes(n.Body)
			for _, c := range n.Clauses {
				p.tag(c.Name, c.Args)
				p.nodes(c.Body)
			}
			if n.EndTag != nil {
				p.tag(n.EndTag.Name, n.EndTag.Args)
			} else {
				p.tag("end" + n.Name)
			}
		} else if n.EndTag != nil {
			p.tag(n.EndTag.Name, n.EndTag.Args)
		}
	case *AutoescapeNode:
		p.tag("autoescape", map[bool]string{true: "on", false: "off"}[n.On])
		p.nodes(n.Body)
		p.tag("endautoescape")
	case *BlockNode:
		p.tag("block", n.Name)
		p.nodes(n.Body)
		p.tag("endblock", n.EndName)
	case *CommentTagNode:
		p.tag("comment", n.Note)
		p.WriteString(n.Text)
		p.tag("endcomment")
	case *CsrfTokenNode:
		p.tag("csrf_token")
	case *CycleNode:
		args := terms(n.Values)
		if n.As != "" {
			args = append(args, "as", n.As)
			if n.Silent {
				args = append(args, "silent")
			}
		}
		p.tag("cycle", args...)
	case *DebugNode:
		p.tag("debug")
	case *ExtendsNode:
		p.tag("extends", exprString(n.Parent))
	case *FilterNode:
		p.tag("filter", filterChain(n.Filters))
		p.nodes(n.Body)
		p.tag("endfilter")
	case *FirstofNode:
		p.tag("firstof", append(terms(n.Values), as(n.As)...)...)
	case *ForNode:
		args := []string{strings.Join(n.Vars, ", "), "in", exprString(n.Seq)}
		if n.Reversed {
			args = append(args, "reversed")
		}
		if n.Sorted {
			args = append(args, "sorted")
		}
		p.tag("for", args...)
		p.nodes(n.Body)
		p.clause(n.Empty)
		p.tag("endfor")
	case *IfNode:
		p.tag("if", exprString(n.Cond))
		p.nodes(n.Body)
		for _, c := range n.Clauses {
			p.clause(c)
		}
		p.tag("endif")
	case *IfChangedNode:
		p.tag("ifchanged", terms(n.Values)...)
		p.nodes(n.Body)
		p.clause(n.Else)
		p.tag("endifchanged")
	case *IfEqualNode:
		name := "ifequal"
		if n.Not {
			name = "ifnotequal"
		}
		p.tag(name, termString(n.A), termString(n.B))
		p.nodes(n.Body)
		p.clause(n.Else)
		p.tag("end" + name)
	case *IncludeNode:
		args := []string{exprString(n.Template)}
		if len(n.With) > 0 {
			args = append(args, "with", argList(n.With))
		}
		if n.Only {
			args = append(args, "only")
		}
		if n.IfExists {
			args = append(args, "if_exists")
		}
		p.tag("include", args...)
	case *LoadNode:
		args := n.Libraries
		if len(n.Names) > 0 {
			args = append(append(append([]string{}, n.Names...), "from"), n.Libraries...)
		}
		p.tag("load", args...)
	case *LoremNode:
		var args []string
		if n.Count != nil {
			args = append(args, termString(n.Count))
		}
		args = append(args, n.Method)
		if n.Random {
			args = append(args, "random")
		}
		p.tag("lorem", args...)
	case *NowNode:
		args := []string{termString(n.Format)}
		if n.Fake {
			args = append(args, "fake")
		}
		p.tag("now", append(args, as(n.As)...)...)
	case *PartialDefNode:
		inline := ""
		if n.Inline {
			inline = "inline"
		}
		p.tag("partialdef", n.Name, inline)
		p.nodes(n.Body)
		p.tag("endpartialdef", n.EndName)
	case *PartialNode:
		p.tag("partial", n.Name)
	case *QuerystringNode:
		p.tag("querystring", append([]string{argList(n.Args)}, as(n.As)...)...)
	case *RegroupNode:
		p.tag("regroup", termString(n.Seq), "by", termString(n.By), "as", n.As)
	case *ResetcycleNode:
		p.tag("resetcycle", n.Name)
	case *SpacelessNode:
		p.tag("spaceless")
		p.nodes(n.Body)
		p.tag("endspaceless")
	case *TemplatetagNode:
		p.tag("templatetag", n.Which)
	case *URLNode:
		p.tag("url", append([]string{termString(n.Name), argList(n.Args)}, as(n.As)...)...)
	case *VerbatimNode:
		p.tag("verbatim", n.Name)
		p.WriteString(n.Text)
		p.tag("endverbatim", n.Name)
	case *WidthratioNode:
		p.tag("widthratio", append([]string{termString(n.Value), termString(n.Max), termString(n.Width)}, as(n.As)...)...)
	case *WithNode:
		if n.Legacy && len(n.Args) == 1 {
			p.tag("with", termString(n.Args[0].Value), "as", n.Args[0].Name)
		} else {
			p.tag("with", argList(n.Args))
		}
		p.nodes(n.Body)
		p.tag("endwith")
	case *SetNode:
		p.tag("set", n.Name, "=", exprString(n.Value))
	case *MacroNode:
		params := make([]string, len(n.Params))
		for i, a := range n.Params {
			params[i] = a.Name
			if a.Value != nil {
				params[i] += "=" + exprString(a.Value)
			}
		}
		export := ""
		if n.Export {
			export = "export"
		}
		p.tag("macro", n.Name+"("+strings.Join(params, ", ")+")", export)
		p.nodes(n.Body)
		p.tag("endmacro")
	case *ImportNode:
		names := make([]string, len(n.Names))
		for i, in := range n.Names {
			names[i] = in.Name
			if in.As != "" {
				names[i] += " as " + in.As
			}
		}
		p.tag("import", termString(n.Template), strings.Join(names, ", "))
	case *SSINode:
		parsed := ""
		if n.Parsed {
			parsed = "parsed"
		}
		p.tag("ssi", termString(n.Path), parsed)
	}
}

func (p *printer) clause(c *Clause) {
	if c == nil {
		return
	}
	if c.Cond != nil {
		p.tag(c.Name, exprString(c.Cond))
	} else {
		p.tag(c.Name, c.Args)
	}
	p.nodes(c.Body)
}

func as(name string) []string {
	if name == "" {
		return nil
	}
	return []string{"as", name}
}

func terms(xs []Expr) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = termString(x)
	}
	return out
}

func argList(args []*Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		if a.Name == "" {
			parts[i] = termString(a.Value)
		} else {
			parts[i] = a.Name + "=" + exprString(a.Value)
		}
	}
	return strings.Join(parts, " ")
}

func filterChain(fs []*Filter) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(f.Name)
		if f.Arg != nil {
			b.WriteByte(':')
			b.WriteString(filterArgString(f.Arg))
		}
	}
	return b.String()
}

// Precedence levels, loosest first.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCmp
	precAdd
	precMul
	precPow
	precSign
	precFilter
	precPostfix
	precAtom
)

func prec(e Expr) int {
	switch e := e.(type) {
	case *Binary:
		return binaryPrec[e.Op]
	case *Unary:
		if e.Op == "not" {
			return precNot
		}
		return precSign
	case *NumberLit:
		if strings.HasPrefix(e.Text, "-") {
			return precSign
		}
	case *Filtered:
		return precFilter
	case *Lookup, *Index, *Call:
		return precPostfix
	}
	return precAtom
}

// exprString prints a whole expression.
func exprString(e Expr) string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	writeExpr(&b, e, 0)
	return b.String()
}

// termString prints a space-separated tag argument: no infix operator
// may show outside parentheses there.
func termString(e Expr) string {
	var b strings.Builder
	// An operand may start with "not" (a prefix, as in {% querystring a
	// not b %}); parenthesised, it would read as a call of the term before.
	for {
		u, ok := e.(*Unary)
		if !ok || u.Op != "not" {
			break
		}
		b.WriteString("not ")
		e = u.X
	}
	writeExpr(&b, e, precSign)
	return b.String()
}

// filterArgString prints a filter's argument: a sign and a primary.
func filterArgString(e Expr) string {
	var b strings.Builder
	if u, ok := e.(*Unary); ok && u.Op != "not" && prec(u.X) >= precPostfix {
		b.WriteString(u.Op)
		writeExpr(&b, u.X, precPostfix)
		return b.String()
	}
	if prec(e) == precSign {
		if n, ok := e.(*NumberLit); ok {
			return n.Text
		}
	}
	writeExpr(&b, e, precPostfix)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr, min int) {
	if prec(e) < min {
		b.WriteByte('(')
		writeExpr(b, e, 0)
		b.WriteByte(')')
		return
	}
	switch e := e.(type) {
	case *StringLit:
		b.WriteString(quote(e.Value))
	case *NumberLit:
		b.WriteString(e.Text)
	case *BoolLit:
		b.WriteString(e.Text)
	case *NoneLit:
		b.WriteString(e.Text)
	case *TransLit:
		b.WriteString("_(" + quote(e.Value) + ")")
	case *Variable:
		b.WriteString(e.Name)
	case *Lookup:
		if _, num := e.X.(*NumberLit); num {
			// 0.5 would read as a float: write (0).5
			writeExpr(b, e.X, precAtom+1)
		} else {
			writeExpr(b, e.X, precPostfix)
		}
		b.WriteByte('.')
		b.WriteString(e.Key)
	case *Index:
		writeExpr(b, e.X, precPostfix)
		b.WriteByte('[')
		writeExpr(b, e.Index, 0)
		b.WriteByte(']')
	case *Call:
		writeExpr(b, e.Fn, precPostfix)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, a, 0)
		}
		b.WriteByte(')')
	case *Filtered:
		if n, ok := e.X.(*NumberLit); ok {
			b.WriteString(n.Text) // -1|abs: the sign belongs to the literal
		} else {
			writeExpr(b, e.X, precPostfix)
		}
		b.WriteByte('|')
		b.WriteString(filterChain(e.Filters))
	case *Unary:
		if e.Op == "not" {
			b.WriteString("not ")
			writeExpr(b, e.X, precNot)
			return
		}
		b.WriteString(e.Op)
		if startsWithSign(e.X) {
			b.WriteByte('(')
			writeExpr(b, e.X, 0)
			b.WriteByte(')')
			return
		}
		writeExpr(b, e.X, precSign)
	case *Binary:
		p := binaryPrec[e.Op]
		writeExpr(b, e.X, p)
		b.WriteString(" " + e.Op + " ")
		writeExpr(b, e.Y, p+1)
	}
}

// startsWithSign reports whether an expression prints with a leading sign,
// which another sign before it would merge with.
func startsWithSign(e Expr) bool {
	switch e := e.(type) {
	case *NumberLit:
		return strings.HasPrefix(e.Text, "-")
	case *Unary:
		return e.Op != "not"
	case *Filtered:
		return startsWithSign(e.X)
	}
	return false
}

func (n *TextNode) String() string        { return printNode(n) }
func (n *OutputNode) String() string      { return printNode(n) }
func (n *CommentNode) String() string     { return printNode(n) }
func (n *TagNode) String() string         { return printNode(n) }
func (n *AutoescapeNode) String() string  { return printNode(n) }
func (n *BlockNode) String() string       { return printNode(n) }
func (n *CommentTagNode) String() string  { return printNode(n) }
func (n *CsrfTokenNode) String() string   { return printNode(n) }
func (n *CycleNode) String() string       { return printNode(n) }
func (n *DebugNode) String() string       { return printNode(n) }
func (n *ExtendsNode) String() string     { return printNode(n) }
func (n *FilterNode) String() string      { return printNode(n) }
func (n *FirstofNode) String() string     { return printNode(n) }
func (n *ForNode) String() string         { return printNode(n) }
func (n *IfNode) String() string          { return printNode(n) }
func (n *IfChangedNode) String() string   { return printNode(n) }
func (n *IfEqualNode) String() string     { return printNode(n) }
func (n *IncludeNode) String() string     { return printNode(n) }
func (n *LoadNode) String() string        { return printNode(n) }
func (n *LoremNode) String() string       { return printNode(n) }
func (n *NowNode) String() string         { return printNode(n) }
func (n *PartialDefNode) String() string  { return printNode(n) }
func (n *PartialNode) String() string     { return printNode(n) }
func (n *QuerystringNode) String() string { return printNode(n) }
func (n *RegroupNode) String() string     { return printNode(n) }
func (n *ResetcycleNode) String() string  { return printNode(n) }
func (n *SpacelessNode) String() string   { return printNode(n) }
func (n *TemplatetagNode) String() string { return printNode(n) }
func (n *URLNode) String() string         { return printNode(n) }
func (n *VerbatimNode) String() string    { return printNode(n) }
func (n *WidthratioNode) String() string  { return printNode(n) }
func (n *WithNode) String() string        { return printNode(n) }
func (n *SetNode) String() string         { return printNode(n) }
func (n *MacroNode) String() string       { return printNode(n) }
func (n *ImportNode) String() string      { return printNode(n) }
func (n *SSINode) String() string         { return printNode(n) }

func printNode(n Node) string {
	var p printer
	p.node(n)
	return p.String()
}

func (e *StringLit) String() string { return exprString(e) }
func (e *NumberLit) String() string { return exprString(e) }
func (e *BoolLit) String() string   { return exprString(e) }
func (e *NoneLit) String() string   { return exprString(e) }
func (e *TransLit) String() string  { return exprString(e) }
func (e *Variable) String() string  { return exprString(e) }
func (e *Lookup) String() string    { return exprString(e) }
func (e *Index) String() string     { return exprString(e) }
func (e *Call) String() string      { return exprString(e) }
func (e *Filtered) String() string  { return exprString(e) }
func (e *Unary) String() string     { return exprString(e) }
func (e *Binary) String() string    { return exprString(e) }

// String prints the filter as name or name:arg.
func (f *Filter) String() string { return filterChain([]*Filter{f}) }
