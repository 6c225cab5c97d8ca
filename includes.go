package braid

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
)

// maxIncludeLook bounds how deep includedState follows includes.
const maxIncludeLook = 16

// maxStateMemo bounds how many templates' findings includeMemo keeps;
// when it is full it starts again empty.
const maxStateMemo = 256

// includedState is compiler.Options.IncludedState for the engine: it
// parses the template name (as from's include finds it), and the
// templates it includes or extends with literal names, looking for a node
// whose output depends on render order. It reads sources only: no cache,
// no compile, so that a template being compiled is never waited for.
//
// Sources are read every time (hot reload changes them); what a source
// says is parsed once per engine and source (see stateFacts).
func (e *Engine) includedState(name, from string) string {
	return e.stateIn(name, from, 0, nil)
}

// stateIn is includedState at depth; seen are the templates looked at
// already (nil until a template has something to look into).
func (e *Engine) stateIn(name, from string, depth int, seen map[string]bool) string {
	if depth > maxIncludeLook || e.loader == nil {
		return ""
	}
	resolved, src, err := e.loader.Source(name, from)
	if err != nil || seen[resolved] {
		return "" // the render reports a missing template
	}
	items := e.stateFacts(resolved, src)
	if len(items) == 0 {
		return ""
	}
	if seen == nil {
		seen = map[string]bool{}
	}
	seen[resolved] = true
	for _, it := range items {
		if it.state != "" {
			return it.state
		}
		if found := e.stateIn(it.ref, resolved, depth+1, seen); found != "" {
			return found
		}
	}
	return ""
}

// stateItem is, in template order, an order-dependent node of a template
// (state: the tag and where it is) or a literal name it includes or
// extends (ref), which the answer then depends on.
type stateItem struct {
	state, ref string
}

// stateMemo is an engine's stateFacts already found, by resolved name;
// an entry counts only for the same source.
type stateMemo struct {
	mu    sync.Mutex
	files map[string]stateEntry
}

type stateEntry struct {
	src   string
	items []stateItem
}

// stateFacts are the stateItems of a template: none, without a parse,
// when the source names none of the tags that make them (stateWords);
// else from the parse, remembered for this name and source.
func (e *Engine) stateFacts(resolved, src string) []stateItem {
	if !e.mayHoldState(src) {
		return nil
	}
	m := &e.stateMemo
	m.mu.Lock()
	got, ok := m.files[resolved]
	m.mu.Unlock()
	if ok && got.src == src {
		return got.items
	}
	items := e.parseStateItems(resolved, src)
	m.mu.Lock()
	if m.files == nil || len(m.files) >= maxStateMemo {
		m.files = make(map[string]stateEntry)
	}
	m.files[resolved] = stateEntry{src: src, items: items}
	m.mu.Unlock()
	return items
}

// mayHoldState reports whether src may hold a stateItem: every one comes
// from a tag whose name is one of stateWords, written in the source as
// it is. False is certain; true means "parse to know".
func (e *Engine) mayHoldState(src string) bool {
	if !strings.Contains(src, "{%") {
		return false
	}
	for _, w := range e.stateWords {
		if strings.Contains(src, w) {
			return true
		}
	}
	return false
}

// parseStateItems parses src for its stateItems.
func (e *Engine) parseStateItems(resolved, src string) []stateItem {
	t, _ := e.copts.ParsePool().Parse(resolved, src, e.popts...)
	if t == nil {
		return nil
	}
	var items []stateItem
	at := func(tag string, off parser.Pos) {
		p := t.Position(off)
		items = append(items, stateItem{state: fmt.Sprintf("%s (%s:%d:%d)", tag, p.Filename, p.Line, p.Column)})
	}
	parser.Walk(t.Body, func(n parser.Node) bool {
		switch n := n.(type) {
		case *parser.IfChangedNode:
			at("{% ifchanged %}", n.Pos)
		case *parser.CycleNode:
			at("{% cycle %}", n.Pos)
		case *parser.TagNode:
			if e.statefulTag(n.Name) {
				at("{% "+n.Name+" %}", n.Pos)
			}
		case *parser.IncludeNode:
			if lit, ok := n.Template.(*parser.StringLit); ok {
				items = append(items, stateItem{ref: lit.Value})
			}
		case *parser.ExtendsNode:
			if lit, ok := n.Parent.(*parser.StringLit); ok {
				items = append(items, stateItem{ref: lit.Value})
			}
		}
		return true
	})
	return items
}

// stateWordsOf are the tag names behind stateItems: the built-in ones,
// and the engine's stateful custom tags (its own and its libraries').
func (e *Engine) stateWordsOf() []string {
	words := []string{"include", "extends", "cycle", "ifchanged"}
	add := func(tags map[string]Tag) {
		for name, t := range tags {
			if t, ok := t.(compiler.BlockTag); ok && t.Stateful && !slices.Contains(words, name) {
				words = append(words, name)
			}
		}
	}
	add(e.tags)
	for _, lib := range e.libraries {
		add(lib.Tags)
	}
	slices.Sort(words[4:])
	return words
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
