package lint

import (
	"strings"

	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
)

// info is what a unit's syntax tree says about its place in the graph:
// the templates it names, the blocks it defines, its ignore comments.
type info struct {
	refs    []ref
	extends *ref // its static {% extends %}; nil when none or computed
	// dynamicExtends: it extends a template named at render time;
	// dynamicInclude: it includes one.
	dynamicExtends, dynamicInclude bool
	blocks                         map[string]bool     // every block it defines
	top                            []*parser.BlockNode // those not inside another block
	ignores                        map[int][]string
}

// ref is a template named with a literal in extends, include, import or
// ssi.
type ref struct {
	kind     string // "extends", "include", "import" or "ssi"
	name     string // as written
	target   string // resolved; "" when the name is not valid
	partial  string // after "#": a partial of target
	err      error  // why the name is not valid
	pos, end parser.Position
	// guarded: the include is inside a condition, a loop, a macro, a
	// partial or a custom block tag, or outside the blocks of a template
	// that extends another: it may not render, so a cycle through it may
	// end.
	guarded  bool
	ifExists bool
}

func (u *unit) info() *info {
	u.once.Do(func() { u.inf = u.computeInfo() })
	return u.inf
}

func (u *unit) computeInfo() *info {
	inf := &info{blocks: map[string]bool{}, ignores: ignores(u.src)}
	if u.tree == nil {
		return inf
	}
	extends := false
	for _, n := range u.tree.Body {
		if _, ok := n.(*parser.ExtendsNode); ok {
			extends = true
		}
	}
	var walk func(ns []parser.Node, guarded bool, inBlock bool)
	add := func(kind string, x parser.Expr, guarded, ifExists bool) bool {
		lit, ok := x.(*parser.StringLit)
		if !ok {
			return false
		}
		r := ref{kind: kind, name: lit.Value, pos: u.at(lit.Pos), end: u.at(lit.EndPos), guarded: guarded, ifExists: ifExists}
		name := lit.Value
		if kind != "ssi" {
			if i := strings.LastIndexByte(name, '#'); i >= 0 {
				name, r.partial = name[:i], name[i+1:]
			}
		}
		r.target, r.err = loader.Resolve(name, u.name)
		if r.err != nil {
			r.target = ""
		}
		inf.refs = append(inf.refs, r)
		return true
	}
	walk = func(ns []parser.Node, guarded, inBlock bool) {
		for _, n := range ns {
			// In a template that extends another, only its blocks render.
			g := guarded || extends && !inBlock
			switch n := n.(type) {
			case *parser.ExtendsNode:
				if n.Parent == nil {
					continue
				}
				if !add("extends", n.Parent, false, false) {
					inf.dynamicExtends = true
				}
			case *parser.IncludeNode:
				if n.Template != nil && !add("include", n.Template, g, n.IfExists) {
					inf.dynamicInclude = true
				}
			case *parser.ImportNode:
				add("import", n.Template, g, false)
			case *parser.SSINode:
				add("ssi", n.Path, g, false)
			case *parser.BlockNode:
				if n.Name != "" {
					inf.blocks[n.Name] = true
					if !inBlock {
						inf.top = append(inf.top, n)
					}
				}
				walk(n.Body, guarded, true)
				continue
			}
			guard := g
			switch n := n.(type) {
			case *parser.IfNode, *parser.ForNode, *parser.IfChangedNode, *parser.IfEqualNode, *parser.MacroNode, *parser.TagNode:
				guard = true
			case *parser.PartialDefNode:
				guard = g || !n.Inline
			}
			for _, body := range bodies(n) {
				walk(body, guard, inBlock)
			}
		}
	}
	walk(u.tree.Body, false, false)
	for i := range inf.refs {
		if inf.refs[i].kind == "extends" {
			inf.extends = &inf.refs[i]
			break
		}
	}
	return inf
}

// bodies returns the bodies a node holds, its clauses' included.
func bodies(n parser.Node) [][]parser.Node {
	clauses := func(body []parser.Node, cs ...*parser.Clause) [][]parser.Node {
		out := [][]parser.Node{body}
		for _, c := range cs {
			if c != nil {
				out = append(out, c.Body)
			}
		}
		return out
	}
	switch n := n.(type) {
	case *parser.AutoescapeNode:
		return [][]parser.Node{n.Body}
	case *parser.BlockNode:
		return [][]parser.Node{n.Body}
	case *parser.FilterNode:
		return [][]parser.Node{n.Body}
	case *parser.ForNode:
		return clauses(n.Body, n.Empty)
	case *parser.IfNode:
		return clauses(n.Body, n.Clauses...)
	case *parser.IfChangedNode:
		return clauses(n.Body, n.Else)
	case *parser.IfEqualNode:
		return clauses(n.Body, n.Else)
	case *parser.MacroNode:
		return [][]parser.Node{n.Body}
	case *parser.PartialDefNode:
		return [][]parser.Node{n.Body}
	case *parser.SpacelessNode:
		return [][]parser.Node{n.Body}
	case *parser.WithNode:
		return [][]parser.Node{n.Body}
	case *parser.TagNode:
		return clauses(n.Body, n.Clauses...)
	}
	return nil
}
