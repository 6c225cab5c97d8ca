package compiler

import (
	"slices"
	"strconv"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// forNode is {% for vars in seq [reversed] [sorted] %}…{% empty %}…{% endfor %}.
type forNode struct {
	vars     []string
	seq      render.Expr
	reversed bool
	sorted   bool
	body     render.Nodes
	empty    render.Nodes
	pos      render.Pos
	stateful bool // the body holds order-dependent nodes: wait, never defer
	reads    loopReads
}

func (c *compiler) forTag(n *parser.ForNode) (f *forNode) {
	before := c.stateful
	defer func() { f.stateful = c.inPlace(n.Pos, "for", before) }()
	f = c.fors.next()
	*f = forNode{vars: n.Vars, seq: lenient(c.expr(n.Seq), false), reversed: n.Reversed, sorted: n.Sorted, pos: pos(n.Pos)}
	c.bindNames(1, "forloop")
	c.bindNames(1, n.Vars...)
	c.loops = append(c.loops, &f.reads)
	f.body = c.nodes(n.Body)
	c.loops = c.loops[:len(c.loops)-1]
	c.bindNames(-1, n.Vars...)
	c.bindNames(-1, "forloop")
	if n.Empty != nil {
		f.empty = c.nodes(n.Empty.Body)
	}
	return f
}

func (n *forNode) Render(s *render.State, out *render.Out) error {
	seq, deferred, err := consume(s, out, n.pos, "{% for %}", n.seq, n.stateful, n)
	if deferred || err != nil {
		return err
	}
	seq = defined(seq)
	if render.IsStream(seq) {
		if n.reads.all || n.sorted || n.reversed {
			// The body needs the length: take the whole stream first.
			var items []any
			if err := render.RangeStream(s.Ctx, seq, false, func(_ int, _ bool, item any) error {
				items = append(items, item)
				return nil
			}); err != nil {
				return s.Errorf(n.pos, err, "{%% for %%}")
			}
			seq = items
		} else {
			if !n.stateful {
				// The page goes on while the items arrive.
				stream := seq // not seq itself, which would then live on the heap
				return s.Fork(out, n.pos, "{% for %}", func(s *render.State, out *render.Out) error {
					return n.renderStream(s, out, stream)
				})
			}
			return n.renderStream(s, out, seq)
		}
	}
	if n.sorted {
		items, ok := render.Items(seq)
		if !ok {
			return n.notIterable(s, seq)
		}
		items = slices.Clone(items)
		slices.SortStableFunc(items, func(a, b any) int {
			c, _ := render.Compare(a, b)
			return c
		})
		seq = items
	}
	saved, savedLoop := s.Scope, s.Loop
	defer func() { s.Scope, s.Loop = saved, savedLoop }()
	var frame *render.Scope
	var loop *render.Loop
	ok, err := render.Range(seq, n.reversed, func(i, length int, item any) error {
		if frame == nil {
			frame, loop = n.enter(s, length)
		}
		loop.Index = i
		if n.reversed {
			loop.Index = length - 1 - i
		}
		if err := s.Tick(n.pos); err != nil {
			return err
		}
		if err := n.iterate(s, out, frame, item); err != nil {
			return err
		}
		if err := s.Ctx.Err(); err != nil {
			return s.Errorf(n.pos, err, "{%% for %%}")
		}
		return nil
	})
	switch {
	case !ok:
		return n.notIterable(s, seq)
	case err != nil:
		return err
	case frame == nil:
		return n.empty.Render(s, out)
	}
	return nil
}

// enter pushes the loop's frame, with forloop and the loop variables, and
// makes it the state's scope and loop. The caller restores them.
func (n *forNode) enter(s *render.State, length int) (*render.Scope, *render.Loop) {
	frame, loop := s.Scope.PushLoop(len(n.vars)+1, render.Loop{Length: length, Parent: s.Loop})
	frame.Set("forloop", loop)
	for _, v := range n.vars {
		frame.Set(v, nil)
	}
	s.Scope, s.Loop = frame, loop
	return frame, loop
}

// iterate binds the loop variables to item and renders the body once.
func (n *forNode) iterate(s *render.State, out *render.Out, frame *render.Scope, item any) error {
	if len(n.vars) == 1 {
		frame.Set(n.vars[0], item)
	} else if err := n.unpack(s, frame, item); err != nil {
		return err
	}
	if err := n.body.Render(s, out); err != nil {
		return err
	}
	return out.Err()
}

// renderStream renders the loop over a channel or iterator as its items
// arrive, each written out as soon as everything before it is.
func (n *forNode) renderStream(s *render.State, out *render.Out, seq any) error {
	saved, savedLoop := s.Scope, s.Loop
	defer func() { s.Scope, s.Loop = saved, savedLoop }()
	frame, loop := n.enter(s, -1)
	seen := false
	err := render.RangeStream(s.Ctx, seq, n.reads.last, func(i int, last bool, item any) error {
		seen = true
		loop.Index, loop.Last = i, last
		if err := s.Tick(n.pos); err != nil {
			return err
		}
		if err := n.iterate(s, out, frame, item); err != nil {
			return err
		}
		out.FlushIfHead()
		return out.Err()
	})
	if err != nil {
		if _, ok := err.(*render.Error); !ok {
			err = s.Errorf(n.pos, err, "{%% for %%}")
		}
		return err
	}
	if !seen {
		s.Scope, s.Loop = saved, savedLoop // {% empty %} is outside the loop
		return n.empty.Render(s, out)
	}
	return nil
}

// notIterable is the error for {% for %} over a number, a struct, a bool.
// Django raises TypeError; pongo2 renders nothing; the position helps more.
func (n *forNode) notIterable(s *render.State, seq any) error {
	return s.Errorf(n.pos, nil, "{%% for %%}: cannot iterate over %s", render.TypeName(seq))
}

// unpack binds {% for a, b in pairs %}: each item must hold exactly as
// many values as there are names, as Python requires.
func (n *forNode) unpack(s *render.State, frame *render.Scope, item any) error {
	item, err := evalNow(s, constExpr{item}) // a pending item: wait for it
	if err != nil {
		return s.Errorf(n.pos, err, "{%% for %%}")
	}
	// Python unpacks any sized iterable: a string into its characters.
	parts, ok := render.Items(item)
	if !ok || len(parts) != len(n.vars) {
		got := "a " + render.TypeName(item)
		if ok {
			got = strconv.Itoa(len(parts)) + " values"
		}
		return s.Errorf(n.pos, nil, "{%% for %%}: need %d values to unpack into %d names, got %s", len(n.vars), len(n.vars), got)
	}
	for i, name := range n.vars {
		frame.Set(name, parts[i])
	}
	return nil
}
