package braid

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
)

// maxIncludeLook bounds how deep includedState follows includes.
const maxIncludeLook = 16

// includedState is compiler.Options.IncludedState for the engine: it
// parses the template name (as from's include finds it), and the
// templates it includes or extends with literal names, looking for a node
// whose output depends on render order. It reads sources only: no cache,
// no compile, so that a template being compiled is never waited for.
func (e *Engine) includedState(name, from string) string {
	return e.stateIn(name, from, 0, map[string]bool{})
}

func (e *Engine) stateIn(name, from string, depth int, seen map[string]bool) string {
	if depth > maxIncludeLook || e.loader == nil {
		return ""
	}
	resolved, src, err := e.loader.Source(name, from)
	if err != nil || seen[resolved] {
		return "" // the render reports a missing template
	}
	seen[resolved] = true
	t, _ := parser.Parse(resolved, src, e.copts.ParseOptions()...)
	if t == nil {
		return ""
	}
	found := ""
	parser.Walk(t.Body, func(n parser.Node) bool {
		if found != "" {
			return false
		}
		at := func(tag string, p parser.Position) string {
			return fmt.Sprintf("%s (%s:%d:%d)", tag, p.Filename, p.Line, p.Column)
		}
		switch n := n.(type) {
		case *parser.IfChangedNode:
			found = at("{% ifchanged %}", n.Pos)
		case *parser.CycleNode:
			found = at("{% cycle %}", n.Pos)
		case *parser.TagNode:
			if e.statefulTag(n.Name) {
				found = at("{% "+n.Name+" %}", n.Pos)
			}
		case *parser.IncludeNode:
			if lit, ok := n.Template.(*parser.StringLit); ok {
				found = e.stateIn(lit.Value, resolved, depth+1, seen)
			}
		case *parser.ExtendsNode:
			if lit, ok := n.Parent.(*parser.StringLit); ok {
				found = e.stateIn(lit.Value, resolved, depth+1, seen)
			}
		}
		return true
	})
	return found
}

// includeMissing is compiler.Options.IncludeMissing for the engine: the
// error of finding name (as from's include finds it) when it is not
// there.
func (e *Engine) includeMissing(name, from string) error {
	if e.loader == nil {
		return nil
	}
	if _, _, err := e.loader.Source(name, from); errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// statefulTag reports whether a custom tag of that name (the engine's, or
// a library's) says its output depends on render order.
func (e *Engine) statefulTag(name string) bool {
	if t, ok := e.tags[name].(compiler.BlockTag); ok && t.Stateful {
		return true
	}
	for _, lib := range e.libraries {
		if t, ok := lib.Tags[name].(compiler.BlockTag); ok && t.Stateful {
			return true
		}
	}
	return false
}
