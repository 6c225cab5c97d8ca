package lint

import (
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/braidtpl/braid/parser"
)

// The rules that read one template's syntax tree in order: where each
// {{ }} lands in the HTML, forloop and cycle outside loops, block.super,
// unsafe output and deprecated constructs. A child template's blocks are
// read in the context their ancestors give them (the HTML around the
// block, whether a loop encloses it), so walking a template walks its
// ancestors first.

// blockCtx is where a block renders: the HTML state at its start, and
// whether a loop encloses it.
type blockCtx struct {
	html htmlState
	loop bool
}

// walkResult is a template's walk, once per Check.
type walkResult struct {
	once     sync.Once
	findings []Finding
	ctx      map[string]blockCtx
}

// walk walks u (after its ancestors), once per run.
func (r *run) walk(u *unit) *walkResult {
	v, _ := r.walks.LoadOrStore(u.name, &walkResult{})
	w := v.(*walkResult)
	w.once.Do(func() {
		var parent map[string]blockCtx
		// The chain is walked parent first; a cycle or an unknown parent
		// leaves the blocks without their context.
		if chain, ok := r.ancestors(u); ok && len(chain) > 0 {
			parent = r.walk(chain[0]).ctx
		}
		wk := &walker{
			u: u,
			// A template some template includes may be rendered inside a
			// loop; so may any base template when some include names its
			// template at render time.
			included: r.included[u.name] || r.dynamic && u.info().extends == nil && !u.info().dynamicExtends,
			parent:   parent,
			ctx:      maps.Clone(parent),
			htmlOn:   path.Ext(u.name) != ".txt",
			seen:     map[int]bool{},
		}
		if wk.ctx == nil {
			wk.ctx = map[string]blockCtx{}
		}
		for _, n := range u.tree.Body {
			if _, ok := n.(*parser.ExtendsNode); ok {
				wk.extends = true
			}
		}
		wk.nodes(u.tree.Body)
		w.findings, w.ctx = wk.out, wk.ctx
	})
	return w
}

type walker struct {
	u        *unit
	included bool                // some template includes u
	parent   map[string]blockCtx // the ancestors' blocks; nil for a base
	ctx      map[string]blockCtx // the blocks of u and its ancestors
	extends  bool
	htmlOn   bool // the file is HTML, not text
	html     htmlState
	loop     int  // enclosing {% for %} bodies
	inLoop   bool // the block being walked renders inside an ancestor's loop
	block    int  // enclosing blocks
	free     int  // enclosing macros and partials, rendered where they are used
	out      []Finding
	seen     map[int]bool // offsets already reported by the expression rules
	// urls are the names {% url … as name %} and {% static … as name %}
	// bound so far: URLs the application made.
	urls map[string]bool
}

func (w *walker) report(rule string, pos, end parser.Position, format string, args ...any) {
	w.out = append(w.out, w.u.finding(rule, pos, end, format, args...))
}

func (w *walker) nodes(ns []parser.Node) {
	for _, n := range ns {
		w.node(n)
	}
}

// branches walks the bodies of a tag that renders one of them: each from
// the HTML state before the tag; after it, the state the first leaves.
func (w *walker) branches(body []parser.Node, clauses ...*parser.Clause) {
	before := w.html
	w.nodes(body)
	after := w.html
	for _, c := range clauses {
		if c == nil {
			continue
		}
		w.html = before
		w.expr(c.Cond)
		w.nodes(c.Body)
	}
	w.html = after
}

// elsewhere walks a body that renders where it is used (a macro, a
// partial): from the start of an HTML document, leaving the state as it
// was.
func (w *walker) elsewhere(body []parser.Node) {
	saved := w.html
	w.html = htmlState{}
	w.free++
	w.nodes(body)
	w.free--
	w.html = saved
}

func (w *walker) node(n parser.Node) {
	switch n := n.(type) {
	case *parser.TextNode:
		w.html.feed(n.Text)
	case *parser.VerbatimNode:
		w.html.feed(n.Text)
	case *parser.CommentNode, *parser.CommentTagNode, *parser.LoadNode, *parser.ResetcycleNode:
	case *parser.OutputNode:
		if n.Expr != nil {
			w.expr(n.Expr)
			w.output(n)
		}
		w.html.printed()
	case *parser.IfNode:
		w.expr(n.Cond)
		w.branches(n.Body, n.Clauses...)
	case *parser.ForNode:
		w.expr(n.Seq)
		before := w.html
		w.loop++
		w.nodes(n.Body)
		w.loop--
		if n.Empty != nil {
			after := w.html
			w.html = before
			w.nodes(n.Empty.Body)
			w.html = after
		}
	case *parser.WithNode:
		w.args(n.Args)
		if n.Legacy && len(n.Args) == 1 && n.Args[0].Value != nil {
			a := n.Args[0]
			w.report("deprecated", w.u.at(n.Pos), tagEnd(w.u, w.u.at(n.Pos)), "{%% with %s as %s %%} is the legacy form of with: write {%% with %s=%s %%}", a.Value, a.Name, a.Name, a.Value)
		}
		w.nodes(n.Body)
	case *parser.BlockNode:
		w.blockNode(n)
	case *parser.AutoescapeNode:
		if !n.On {
			w.report("unsafe-output", w.u.at(n.Pos), tagEnd(w.u, w.u.at(n.Pos)), "{%% autoescape off %%}: nothing in it is escaped, values that come from users included")
		}
		w.nodes(n.Body)
	case *parser.FilterNode:
		for _, f := range n.Filters {
			w.expr(f.Arg)
			w.filterUse(f, nil)
		}
		w.nodes(n.Body)
		w.html.printed()
	case *parser.IfChangedNode:
		w.exprs(n.Values)
		w.branches(n.Body, n.Else)
	case *parser.IfEqualNode:
		tag, op := "ifequal", "=="
		if n.Not {
			tag, op = "ifnotequal", "!="
		}
		if n.A != nil && n.B != nil {
			w.report("deprecated", w.u.at(n.Pos), tagEnd(w.u, w.u.at(n.Pos)), "{%% %s %%} was removed in Django 4.0: write {%% if %s %s %s %%}", tag, n.A, op, n.B)
		}
		w.expr(n.A)
		w.expr(n.B)
		w.branches(n.Body, n.Else)
	case *parser.MacroNode:
		w.args(n.Params)
		w.elsewhere(n.Body)
	case *parser.PartialDefNode:
		if n.Inline {
			w.free++ // it renders here and wherever {% partial %} names it
			w.nodes(n.Body)
			w.free--
		} else {
			w.elsewhere(n.Body)
		}
	case *parser.SpacelessNode:
		w.nodes(n.Body)
	case *parser.TagNode:
		if args, err := n.Arguments(); err == nil {
			w.args(args.Args)
			if args.As != "" && (n.Name == "static" || n.Name == "url") {
				w.bindURL(args.As)
			}
		}
		if n.Block {
			w.branches(n.Body, n.Clauses...)
		}
		w.html.printed()
	case *parser.CycleNode:
		w.exprs(n.Values)
		w.cycle(n)
		if !n.Silent {
			w.html.printed()
		}
	case *parser.FirstofNode:
		w.exprs(n.Values)
		w.html.printed()
	case *parser.IncludeNode:
		w.expr(n.Template)
		w.args(n.With)
		w.html.printed()
	case *parser.ExtendsNode:
		w.expr(n.Parent)
	case *parser.URLNode:
		w.expr(n.Name)
		w.args(n.Args)
		if n.As != "" {
			w.bindURL(n.As)
		} else {
			w.html.printed()
		}
	case *parser.QuerystringNode:
		w.args(n.Args)
		w.html.printed()
	case *parser.RegroupNode:
		w.expr(n.Seq)
		w.expr(n.By)
	case *parser.WidthratioNode:
		w.exprs([]parser.Expr{n.Value, n.Max, n.Width})
		w.html.printed()
	case *parser.SetNode:
		w.expr(n.Value)
	case *parser.NowNode:
		w.expr(n.Format)
		w.html.printed()
	case *parser.LoremNode:
		w.expr(n.Count)
		w.html.printed()
	case *parser.SSINode:
		w.expr(n.Path)
		w.html.printed()
	case *parser.ImportNode:
		w.expr(n.Template)
	default: // csrf_token, debug, partial, templatetag: output
		w.html.printed()
	}
}

// blockNode walks a block: a child's top-level block in the context its
// ancestors give it, any other where it is.
func (w *walker) blockNode(b *parser.BlockNode) {
	if w.block == 0 && w.extends {
		savedHTML, savedLoop := w.html, w.inLoop
		pc := w.parent[b.Name]
		w.html, w.inLoop = pc.html, pc.loop
		w.ctx[b.Name] = pc
		w.block++
		w.nodes(b.Body)
		w.block--
		w.html, w.inLoop = savedHTML, savedLoop
		return
	}
	w.ctx[b.Name] = blockCtx{html: w.html, loop: w.loop > 0 || w.inLoop}
	w.block++
	w.nodes(b.Body)
	w.block--
}

func (w *walker) bindURL(name string) {
	if w.urls == nil {
		w.urls = map[string]bool{}
	}
	w.urls[name] = true
}

// looping reports whether what is being walked may render inside a loop.
func (w *walker) looping() bool { return w.loop > 0 || w.inLoop || w.free > 0 }

func (w *walker) cycle(n *parser.CycleNode) {
	if n.As != "" || len(n.Values) == 0 || w.looping() {
		return
	}
	if _, ref := n.Values[0].(*parser.Variable); ref && len(n.Values) == 1 {
		return // {% cycle name %}: advances a named cycle
	}
	first := "nothing"
	if n.Values[0] != nil {
		first = n.Values[0].String()
	}
	w.report("cycle-outside-loop", w.u.at(n.Pos), tagEnd(w.u, w.u.at(n.Pos)), "{%% cycle %%} outside a loop always gives its first value, %s: move it into the {%% for %%}, or name it (as name silent) and advance it there with {%% cycle name %%}", first)
}

func (w *walker) args(args []*parser.Arg) {
	for _, a := range args {
		if a != nil {
			w.expr(a.Value)
		}
	}
}

func (w *walker) exprs(xs []parser.Expr) {
	for _, x := range xs {
		w.expr(x)
	}
}

// expr applies the expression rules to x and what it holds.
func (w *walker) expr(x parser.Expr) {
	walkExpr(x, func(x parser.Expr) {
		switch x := x.(type) {
		case *parser.Variable:
			if x.Name == "forloop" && !w.looping() && !w.included && !w.seen[int(x.Pos)] {
				w.seen[int(x.Pos)] = true
				w.report("forloop-outside-loop", w.u.at(x.Pos), w.u.at(x.EndPos), "forloop is read outside any {%% for %%} body: it is undefined here")
			}
		case *parser.Lookup:
			if v, ok := x.X.(*parser.Variable); ok && v.Name == "block" && x.Key == "super" {
				switch {
				case w.block == 0:
					w.report("block-super-outside", w.u.at(x.Pos), w.u.at(x.EndPos), "{{ block.super }} outside any {%% block %%} is an undefined variable: it prints nothing")
				case !w.extends:
					w.report("block-super-outside", w.u.at(x.Pos), w.u.at(x.EndPos), "{{ block.super }} in a template that extends nothing: rendering it fails")
				}
			}
		case *parser.Filtered:
			for i, f := range x.Filters {
				w.filterUse(f, func() bool { return i > 0 || !literal(x.X) })
			}
		}
	})
}

// filterUse applies the rules about one filter; onVariable says whether
// its input comes from a variable (nil: from a tag's body).
func (w *walker) filterUse(f *parser.Filter, onVariable func() bool) {
	if f == nil {
		return
	}
	start, end := w.u.at(f.Pos), w.u.at(f.Pos+parser.Pos(len(f.Name)))
	switch f.Name {
	case "length_is":
		w.report("deprecated", start, end, "the length_is filter is deprecated since Django 4.2: write value|length == n")
	case "safe", "safeseq":
		if onVariable != nil && onVariable() {
			w.report("unsafe-output", start, end, "|%s prints the value as HTML, without escaping: make sure no user can put markup in it", f.Name)
		}
	}
}

// literal reports whether x is a constant.
func literal(x parser.Expr) bool {
	switch x.(type) {
	case *parser.StringLit, *parser.NumberLit, *parser.BoolLit, *parser.NoneLit, *parser.TransLit:
		return true
	}
	return false
}

// walkExpr calls fn for x and every expression inside it, outside in.
func walkExpr(x parser.Expr, fn func(parser.Expr)) {
	if x == nil {
		return
	}
	fn(x)
	switch x := x.(type) {
	case *parser.Lookup:
		walkExpr(x.X, fn)
	case *parser.Index:
		walkExpr(x.X, fn)
		walkExpr(x.Index, fn)
	case *parser.Call:
		walkExpr(x.Fn, fn)
		for _, a := range x.Args {
			walkExpr(a, fn)
		}
	case *parser.Filtered:
		walkExpr(x.X, fn)
		for _, f := range x.Filters {
			if f != nil {
				walkExpr(f.Arg, fn)
			}
		}
	case *parser.Unary:
		walkExpr(x.X, fn)
	case *parser.Binary:
		walkExpr(x.X, fn)
		walkExpr(x.Y, fn)
	}
}

// output applies unescaped-context to a {{ }}.
func (w *walker) output(n *parser.OutputNode) {
	if !w.htmlOn {
		return
	}
	ctx, ok := w.html.context()
	if !ok || !variable(n.Expr) {
		return
	}
	f, _ := n.Expr.(*parser.Filtered)
	if f != nil {
		for _, flt := range f.Filters {
			if flt != nil && slices.Contains(ctx.safe, flt.Name) {
				return
			}
		}
	}
	if ctx.url && trustedURL(n.Expr, w.urls) {
		return
	}
	w.report("unescaped-context", w.u.at(n.Pos), w.u.at(n.EndPos), "%s is %s: %s", n, ctx.where, ctx.fix)
}

// variable reports whether x reads a variable anywhere.
func variable(x parser.Expr) bool {
	found := false
	walkExpr(x, func(x parser.Expr) {
		if _, ok := x.(*parser.Variable); ok {
			found = true
		}
	})
	return found
}

// trustedURL reports whether x is, by Django's conventions, a URL the
// application made: a name bound by {% url … as name %} (urls), or one
// whose last part ends in "url" or "path", or starts with "url_"
// (STATIC_URL, login_url, obj.get_absolute_url, image.url,
// request.get_full_path, header.url_toggle).
func trustedURL(x parser.Expr, urls map[string]bool) bool {
	if f, ok := x.(*parser.Filtered); ok {
		x = f.X
	}
	if c, ok := x.(*parser.Call); ok {
		x = c.Fn
	}
	var last string
	switch x := x.(type) {
	case *parser.Variable:
		if urls[x.Name] {
			return true
		}
		last = x.Name
	case *parser.Lookup:
		last = x.Key
	}
	last = strings.ToLower(last)
	return strings.HasSuffix(last, "url") || strings.HasPrefix(last, "url_") || strings.HasSuffix(last, "path")
}

// tagEnd is where the tag at pos ends, when it ends on its line.
func tagEnd(u *unit, pos parser.Position) parser.Position {
	if pos.Offset < 0 || pos.Offset >= len(u.src) {
		return parser.Position{}
	}
	rest := u.src[pos.Offset:]
	i := strings.Index(rest, "%}")
	if i < 0 || strings.Contains(rest[:i], "\n") {
		return parser.Position{}
	}
	return parser.Position{Line: pos.Line, Column: pos.Column + len([]rune(rest[:i+2])), Offset: pos.Offset + i + 2}
}
