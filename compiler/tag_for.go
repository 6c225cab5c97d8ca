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
	defer func() { f.stateful = c.stateful > before }()
	f = &forNode{vars: n.Vars, seq: c.expr(n.Seq), reversed: n.Reversed, sorted: n.Sorted, pos: pos(n.Pos)}
	undo := c.bind(append([]string{"forloop"}, n.Vars...)...)
	c.loops = append(c.loops, &f.reads)
	f.body = c.nodes(n.Body)
	c.loops = c.loops[:len(c.loops)-1]
	undo()
	if n.Empty != nil {
		f.empty = c.nodes(n.Empty.Body)
	}
	return f
}

func (n *forNode) Render(s *render.State, out *render.Out) error {
	seq, err := n.seq.Eval(s)
	if err != nil {
		return err
	}
	if f := render.Pending(seq); f != nil {
		if !n.stateful {
			return s.Defer(out, n.pos, f, n.Render)
		}
		// The pending value may be part of the expression (x in lazy):
		// wait for all of it and evaluate it again.
		if seq, err = evalNow(s, n.seq); err != nil {
			return err
		}
	}
	if seq, err = render.Resolve(seq); err != nil {
		return s.Errorf(n.pos, err, "")
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
			if !n.stateful && !s.NoDefer && out.CanSplit() && s.Run.Concurrent() {
				// The page goes on while the items arrive.
				return s.Defer(out, n.pos, render.Resolved(nil), func(s *render.State, out *render.Out) error {
					return n.renderStream(s, out, seq)
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
			frame = saved.Push(len(n.vars) + 1)
			loop = &render.Loop{Length: length, Parent: savedLoop}
			frame.Set("forloop", loop)
			for _, v := range n.vars {
				frame.Set(v, nil)
			}
			s.Scope, s.Loop = frame, loop
		}
		loop.Index = i
		if n.reversed {
			loop.Index = length - 1 - i
		}
		if len(n.vars) == 1 {
			frame.Set(n.vars[0], item)
		} else if err := n.unpack(s, frame, item); err != nil {
			return err
		}
		if err := n.body.Render(s, out); err != nil {
			return err
		}
		if err := out.Err(); err != nil {
			return err
		}
		return s.Ctx.Err()
	})
	switch {
	case !ok:
		return n.notIterable(s, seq)
	case err != nil:
		return err
	case frame == nil:
		s.Scope, s.Loop = saved, savedLoop
		return n.empty.Render(s, out)
	}
	return nil
}

// renderStream renders the loop over a channel or iterator as its items
// arrive, each written out as soon as everything before it is.
func (n *forNode) renderStream(s *render.State, out *render.Out, seq any) error {
	saved, savedLoop := s.Scope, s.Loop
	defer func() { s.Scope, s.Loop = saved, savedLoop }()
	frame := saved.Push(len(n.vars) + 1)
	loop := &render.Loop{Length: -1, Parent: savedLoop}
	frame.Set("forloop", loop)
	s.Scope, s.Loop = frame, loop
	seen := false
	err := render.RangeStream(s.Ctx, seq, n.reads.last, func(i int, last bool, item any) error {
		seen = true
		loop.Index, loop.Last = i, last
		if len(n.vars) == 1 {
			frame.Set(n.vars[0], item)
		} else if err := n.unpack(s, frame, item); err != nil {
			return err
		}
		if err := n.body.Render(s, out); err != nil {
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
		s.Scope, s.Loop = saved, savedLoop
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
	item, err := s.Await(item)
	if err != nil {
		return s.Errorf(n.pos, err, "")
	}
	parts, ok := render.Items(item)
	if _, isStr := item.(string); isStr {
		ok = false
	}
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
