package compiler

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// includeNode is {% include name [with a=b …] [only] [if_exists] %}.
type includeNode struct {
	name     render.Expr
	names    []string
	vals     []render.Expr
	only     bool
	ifExists bool
	pos      render.Pos
}

func (c *compiler) includeTag(n *parser.IncludeNode) render.Node {
	in := &includeNode{name: c.expr(n.Template), only: n.Only, ifExists: n.IfExists, pos: pos(n.Pos)}
	for _, a := range n.With {
		in.names = append(in.names, a.Name)
		in.vals = append(in.vals, c.expr(a.Value))
	}
	if lit, ok := n.Template.(*parser.StringLit); ok {
		c.facts.Includes = append(c.facts.Includes, Ref{Name: lit.Value, Pos: c.position(n.Pos)})
		if c.opts.IncludeMissing != nil && !n.IfExists {
			if err := c.opts.IncludeMissing(lit.Value, c.name); err != nil {
				c.errs = append(c.errs, &parser.Error{Pos: c.position(lit.Pos), Msg: fmt.Sprintf("{%% include %%}: %v", err), Line: lineAt(c.src, int(lit.Pos)), Err: err})
			}
		}
		if c.opts.IncludedState != nil {
			if what := c.opts.IncludedState(lit.Value, c.name); what != "" {
				c.markStateful(n.Pos, "include", "includes "+lit.Value+", whose "+what+" depends on render order")
			}
		}
	} else {
		c.facts.Dynamic = append(c.facts.Dynamic, c.position(n.Pos))
	}
	return in
}

func (n *includeNode) Render(s *render.State, out *render.Out) error {
	if err := s.Ctx.Err(); err != nil {
		return s.Errorf(n.pos, err, "{%% include %%}")
	}
	prog, err := n.load(s)
	if err != nil {
		if n.ifExists {
			return nil
		}
		return err
	}
	var frame *render.Scope
	if n.only {
		frame = render.NewScope(nil).Push(len(n.names) + 1)
	} else {
		frame = s.Scope.Push(len(n.names) + 1)
	}
	for i, x := range n.vals {
		v, err := evalBinding(s, x)
		if err != nil {
			return err
		}
		frame.Set(n.names[i], v)
	}
	frame.Set(includeKey, &includeMark{node: n})
	sub, err := enter(s, n.pos, "{% include %}", prog)
	if err != nil {
		return err
	}
	sub.Scope = frame
	if n.only {
		sub.Loop = nil // no forloop: Django's context.new()
	}
	return Execute(sub, prog, out)
}

// includeKey binds, in the frame of each template an {% include %}
// renders, an *includeMark of its own: Django renders an included
// template with a render context of its own (RenderContext.push_state),
// where its cycles, and its ifchanged tags outside loops, keep their
// state, so that state starts afresh in each include. The name cannot
// clash with a template's: those never contain a NUL.
const includeKey = "\x00include"

// includeMark holds the state of the cycle and ifchanged tags (outside
// loops) of one rendering of an included template; node is the tag that
// renders it. Only that template's own walk touches the state (order-
// dependent nodes never defer within their template), so an include
// that renders in a deferred node does not share it with the page.
type includeMark struct {
	node    render.Node
	cycles  map[any]int
	changed map[any][]any
}

// markOf returns the mark of the included template being rendered; nil
// outside includes.
func markOf(s *render.State) *includeMark {
	v, _ := s.Scope.Get(includeKey)
	m, _ := v.(*includeMark)
	return m
}

// enter copies s for rendering prog inside the template that is running
// (include, ssi, an inclusion tag's template), outside any inheritance
// chain. Past Limits.MaxIncludeDepth, so that a template that includes
// itself fails with an error instead of the stack, it is the error at
// pos, naming the chain of templates.
func enter(s *render.State, pos render.Pos, what string, prog *render.Program) (*render.State, error) {
	trail := &render.Trail{Name: prog.Name, Up: s.Trail}
	if s.Trail == nil {
		trail.Up = &render.Trail{Name: s.Prog.Name}
	}
	if max := s.Run.Env.Limits.IncludeDepth(); s.Depth >= max {
		return nil, s.Errorf(pos, &render.LimitError{Option: "WithMaxIncludeDepth", Max: int64(max),
			Msg: fmt.Sprintf("templates nested deeper than %d", max), Chain: trail.String()}, "%s", what)
	}
	c := *s
	c.Blocks, c.Depth, c.Trail = nil, s.Depth+1, trail
	return &c, nil
}

// enterMacro copies s for a call of macro m, erring past
// Limits.MaxMacroDepth (the caller gives the error its position).
func enterMacro(s *render.State, m *render.Macro) (*render.State, error) {
	trail := &render.Trail{Name: "macro " + m.Name, Up: s.Trail, Macro: true}
	if s.Trail == nil {
		trail.Up = &render.Trail{Name: s.Prog.Name}
	}
	if max := s.Run.Env.Limits.MacroDepth(); s.MacroDepth >= max {
		return nil, &render.LimitError{Option: "WithMaxMacroDepth", Max: int64(max),
			Msg: fmt.Sprintf("macro calls nested deeper than %d", max), Chain: trail.String()}
	}
	c := *s
	c.Blocks, c.MacroDepth, c.Trail = nil, s.MacroDepth+1, trail
	return &c, nil
}

// load finds the included template: by its name, or, given a list of
// names, the first of them that exists, as Django's select_template.
func (n *includeNode) load(s *render.State) (*render.Program, error) {
	const tag = "{% include %}"
	v, err := evalNow(s, n.name) // waits for a pending name, all of it
	if err != nil {
		return nil, err
	}
	if k := reflect.ValueOf(v).Kind(); k != reflect.Slice && k != reflect.Array {
		return loadValue(s, v, n.pos, tag)
	}
	names, _ := render.Items(v)
	if len(names) == 0 {
		return nil, s.Errorf(n.pos, nil, "%s: the list of template names is empty", tag)
	}
	quoted := make([]string, 0, len(names))
	for _, name := range names {
		name, err := evalNow(s, constExpr{name}) // a pending name: wait for it
		if err != nil {
			return nil, s.Errorf(n.pos, err, "%s", tag)
		}
		prog, err := loadValue(s, name, n.pos, tag)
		if !errors.Is(err, fs.ErrNotExist) {
			return prog, err
		}
		quoted = append(quoted, strconv.Quote(render.String(name)))
	}
	return nil, s.Errorf(n.pos, nil, "%s: none of the templates %s exists", tag, strings.Join(quoted, ", "))
}

// load evaluates a template name and loads the template.
func load(s *render.State, name render.Expr, p render.Pos, tag string) (*render.Program, error) {
	v, err := evalNow(s, name) // waits for a pending name, all of it
	if err != nil {
		return nil, err
	}
	return loadValue(s, v, p, tag)
}

// loadValue loads the template v names (or is).
func loadValue(s *render.State, v any, p render.Pos, tag string) (*render.Program, error) {
	if prog, ok := v.(*render.Program); ok {
		return prog, nil
	}
	var str string
	switch v := v.(type) {
	case string:
		str = v
	case render.SafeString:
		str = string(v)
	default:
		return nil, s.Errorf(p, nil, "%s: the template name must be a string, not %s", tag, render.TypeName(v))
	}
	if s.Run.Env.Loader == nil {
		return nil, s.Errorf(p, nil, "%s %q: the engine has no template source", tag, str)
	}
	partial := ""
	if i := strings.LastIndexByte(str, '#'); i >= 0 {
		str, partial = str[:i], str[i+1:] // "page.html#card": a partial
	}
	prog, err := s.Run.Env.Loader.Load(s.Ctx, str, s.Prog.Name)
	if err == nil && partial != "" {
		part, ok := prog.Partials[partial]
		if !ok {
			return nil, s.Errorf(p, nil, "%s: %s has no partial named %q", tag, prog.Name, partial)
		}
		return part, nil
	}
	if err != nil {
		if _, ok := err.(*render.Error); ok {
			return nil, err // a syntax error in that template, at its position
		}
		return nil, s.Errorf(p, err, "%s", tag)
	}
	return prog, nil
}

// Execute renders a whole program: through its {% extends %} chain when it
// has one, after binding the macros of every template in the chain.
func Execute(s *render.State, prog *render.Program, out *render.Out) error {
	s.Prog = prog
	if prog.Parent == nil && len(prog.Macros) == 0 {
		return prog.Root.Render(s, out)
	}
	stack := &render.BlockStack{}
	frame := s.Scope.Push(len(prog.Macros))
	s.Scope = frame
	var chain []*render.Program // the templates so far, to catch a loop
	for p := prog; ; {
		if max := s.Run.Env.Limits.IncludeDepth(); len(chain) >= max {
			var trail *render.Trail
			for _, c := range append(chain, p) {
				trail = &render.Trail{Name: c.Name, Up: trail}
			}
			return s.Errorf(chain[len(chain)-1].ParentPos, &render.LimitError{Option: "WithMaxIncludeDepth", Max: int64(max),
				Msg: fmt.Sprintf("more than %d templates extend each other", max), Chain: trail.String()}, "{%% extends %%}")
		}
		chain = append(chain, p)
		stack.Push(p.Blocks)
		bindMacros(frame, p)
		if p.Parent == nil {
			s.Prog, s.Blocks = p, stack
			if len(chain) == 1 {
				s.Blocks = nil // macros only: no inheritance chain for block.super
			}
			return p.Root.Render(s, out)
		}
		s.Prog = p
		parent, err := load(s, p.Parent, p.ParentPos, "{% extends %}")
		if err != nil {
			return err
		}
		if slices.Contains(chain, parent) {
			return s.Errorf(p.ParentPos, nil, "{%% extends %%}: %s extends itself through %s", parent.Name, p.Name)
		}
		p = parent
	}
}

// ExecuteBlock renders only the block name of prog, as prog's inheritance
// chain resolves it (the most derived definition, block.super reaching the
// ones above); found is false when no template of the chain defines it.
func ExecuteBlock(s *render.State, prog *render.Program, name string, out *render.Out) (found bool, err error) {
	stack := &render.BlockStack{}
	frame := s.Scope.Push(len(prog.Macros))
	s.Scope = frame
	var chain []*render.Program
	for p := prog; ; {
		chain = append(chain, p)
		stack.Push(p.Blocks)
		bindMacros(frame, p)
		if p.Parent == nil {
			break
		}
		s.Prog = p
		parent, err := load(s, p.Parent, p.ParentPos, "{% extends %}")
		if err != nil {
			return false, err
		}
		if slices.Contains(chain, parent) {
			return false, s.Errorf(p.ParentPos, nil, "{%% extends %%}: %s extends itself through %s", parent.Name, p.Name)
		}
		p = parent
	}
	blocks := stack.Chain(name)
	if len(blocks) == 0 {
		return false, nil
	}
	s.Prog, s.Blocks = chain[len(chain)-1], stack
	return true, renderBlock(s, out, blocks, 0, len(chain) == 1)
}

// ssiNode is pongo2's {% ssi "name" [parsed] %}: the file's text as it is,
// or, with parsed, rendered as a template like {% include %}. The name is
// a template name under the engine's sources (pongo2 takes file-system
// paths; braid keeps every read inside its roots).
type ssiNode struct {
	path   render.Expr
	parsed bool
	pos    render.Pos
}

func (c *compiler) ssiTag(n *parser.SSINode) render.Node {
	if lit, ok := n.Path.(*parser.StringLit); ok {
		c.facts.SSI = append(c.facts.SSI, Ref{Name: lit.Value, Pos: c.position(n.Pos)})
	} else {
		c.facts.Dynamic = append(c.facts.Dynamic, c.position(n.Pos))
	}
	return &ssiNode{path: c.expr(n.Path), parsed: n.Parsed, pos: pos(n.Pos)}
}

func (n *ssiNode) Render(s *render.State, out *render.Out) error {
	if n.parsed {
		prog, err := load(s, n.path, n.pos, "{% ssi %}")
		if err != nil {
			return err
		}
		sub, err := enter(s, n.pos, "{% ssi %}", prog)
		if err != nil {
			return err
		}
		return Execute(sub, prog, out)
	}
	v, err := evalNow(s, n.path)
	if err != nil {
		return err
	}
	raw, ok := s.Run.Env.Loader.(render.RawLoader)
	if !ok {
		return s.Errorf(n.pos, nil, "{%% ssi %%}: the engine has no template source")
	}
	text, err := raw.LoadRaw(s.Ctx, render.String(defined(v)), s.Prog.Name)
	if err != nil {
		return s.Errorf(n.pos, err, "{%% ssi %%}")
	}
	out.WriteString(text) // as pongo2: the file's text, not escaped
	return nil
}
