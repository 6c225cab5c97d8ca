package compiler

import (
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Macros are pongo2's: {% macro name(a, b=default) [export] %}…{% endmacro %}
// defines a function the template calls as {{ name(x) }}; it returns its
// body's output, safe. A macro is visible in its whole template and,
// when exported, to {% import %}.

func (c *compiler) macroTag(n *parser.MacroNode) {
	m := &render.Macro{Name: n.Name, Export: n.Export, Pos: pos(n.Pos), Prog: c.prog}
	for _, p := range n.Params {
		m.Params = append(m.Params, p.Name)
		var def render.Expr
		if p.Value != nil {
			def = c.expr(p.Value)
		}
		m.Defaults = append(m.Defaults, def)
	}
	undo := c.bind(m.Params...)
	m.Body = c.nodes(n.Body)
	undo()
	if c.prog.Macros == nil {
		c.prog.Macros = map[string]*render.Macro{}
	}
	if old, dup := c.prog.Macros[n.Name]; dup {
		if c.opts.Pongo2 && n.Export && old.Export {
			c.errorf(n.Pos, "another macro with name '%s' already exported", n.Name)
		} else {
			c.errorf(n.Pos, "{%% macro %s %%} is defined twice", n.Name)
		}
	}
	c.prog.Macros[n.Name] = m
	if c.bound == nil {
		c.bound = map[string]int{}
	}
	c.bound[n.Name]++ // calls anywhere in the template are not free variables
}

// bindMacros binds prog's macros in frame, where frame does not bind the
// name yet (a child template's macro wins over its parent's).
func bindMacros(frame *render.Scope, prog *render.Program) {
	for name, m := range prog.Macros {
		if !frame.Local(name) {
			frame.Set(name, &macroValue{m: m})
		}
	}
}

// callable is a value the template can call with positional arguments
// without reflection.
type callable interface {
	call(s *render.State, args []any) (any, error)
}

// macroValue is a macro bound in a render. It holds no render state, so
// a deferred node on another goroutine may call it with its own.
type macroValue struct {
	m *render.Macro
}

func (v *macroValue) call(s *render.State, args []any) (any, error) {
	m := v.m
	if len(args) > len(m.Params) {
		if s.Run.Env.Pongo2 {
			return nil, s.Errorf(m.Pos, nil, "Macro '%s' called with too many arguments (%d instead of %d).", m.Name, len(args), len(m.Params))
		}
		return nil, s.Errorf(m.Pos, nil, "macro %s takes %d arguments, got %d", m.Name, len(m.Params), len(args))
	}
	sub, err := enterMacro(s, m)
	if err != nil {
		return nil, err
	}
	sub.Prog, sub.Loop = m.Prog, nil
	if err := s.Ctx.Err(); err != nil {
		// A macro calling itself twice grows exponentially.
		return nil, sub.Errorf(m.Pos, err, "macro %s", m.Name)
	}
	frame := s.Scope.Root().Push(len(m.Params) + len(m.Prog.Macros))
	bindMacros(frame, m.Prog)
	sub.Scope = frame
	for i, name := range m.Params {
		switch {
		case i < len(args):
			frame.Set(name, args[i])
		case m.Defaults[i] != nil:
			d, err := evalBinding(sub, m.Defaults[i])
			if err != nil {
				return nil, err
			}
			frame.Set(name, d)
		default:
			frame.Set(name, nil)
		}
	}
	buf := render.NewCapture()
	if err := m.Body.Render(sub, buf); err != nil {
		return nil, err
	}
	return render.SafeString(buf.String()), nil
}

// String keeps a macro printable: {{ name }} without a call prints nothing.
func (v *macroValue) String() string { return "" }

// importNode is {% import "file" name [as alias], … %}: it binds macros
// exported by another template.
type importNode struct {
	name   render.Expr
	macros []string
	as     []string
	pos    render.Pos
}

func (c *compiler) importTag(n *parser.ImportNode) render.Node {
	in := &importNode{name: c.expr(n.Template), pos: pos(n.Pos)}
	c.markStateful(n.Pos, "import", "binds macro names that later nodes read")
	for _, name := range n.Names {
		in.macros = append(in.macros, name.Name)
		as := name.As
		if as == "" {
			as = name.Name
		}
		in.as = append(in.as, as)
		c.bind(as)
	}
	if lit, ok := n.Template.(*parser.StringLit); ok {
		c.facts.Imports = append(c.facts.Imports, Ref{Name: lit.Value, Pos: c.position(n.Pos)})
	} else {
		c.facts.Dynamic = append(c.facts.Dynamic, c.position(n.Pos))
	}
	return in
}

func (n *importNode) Render(s *render.State, _ *render.Out) error {
	prog, err := load(s, n.name, n.pos, "{% import %}")
	if err != nil {
		return err
	}
	for i, name := range n.macros {
		m := prog.Macros[name]
		if m == nil || !m.Export {
			return s.Errorf(n.pos, nil, "{%% import %%}: %s has no exported macro %q", prog.Name, name)
		}
		s.Scope.Set(n.as[i], &macroValue{m: m})
	}
	return nil
}
