package compiler

import (
	"math"
	"strconv"
	"time"

	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// nowNode is {% now "format" [as name] %}.
type nowNode struct {
	format render.Expr
	as     string
	fake   bool // pongo2's fake: pongo2FakeNow
}

// pongo2FakeNow is the time pongo2's {% now "…" fake %} shows.
var pongo2FakeNow = time.Date(2014, time.February, 5, 18, 31, 45, 0, time.UTC)

func (c *compiler) nowTag(n *parser.NowNode) render.Node {
	if n.As != "" {
		c.markStateful(n.Pos, "now … as", whyBinds)
	}
	return &nowNode{format: c.expr(n.Format), as: n.As, fake: n.Fake}
}

func (n *nowNode) Render(s *render.State, out *render.Out) error {
	f, err := evalNow(s, n.format)
	if err != nil {
		return err
	}
	format := render.String(defined(f))
	if named, ok := filters.NamedFormat(format); ok {
		format = named
	}
	now := s.Run.Now
	if z := s.CurrentZone(); z != nil {
		now = now.In(z) // Django: now in the current time zone
	}
	if n.fake {
		now = pongo2FakeNow // pongo2's fixed time for tests
	}
	var text string
	if s.Run.Env.Pongo2 {
		text = now.Format(format) // pongo2: a Go layout
	} else {
		text = filters.DateFormat(now, format)
	}
	if n.as != "" {
		s.Scope.Set(n.as, text)
		return nil
	}
	// As Django's, the tag's output is not escaped: its text comes from
	// the template's own format and the clock.
	out.WriteString(text)
	return nil
}

// widthratioNode is {% widthratio value max width [as name] %}.
type widthratioNode struct {
	val, max, width render.Expr
	as              string
	pos             render.Pos
}

func (c *compiler) widthratioTag(n *parser.WidthratioNode) render.Node {
	if n.As != "" {
		c.markStateful(n.Pos, "widthratio … as", whyBinds)
	}
	return &widthratioNode{val: c.expr(n.Value), max: c.expr(n.Max), width: c.expr(n.Width), as: n.As, pos: pos(n.Pos)}
}

func (n *widthratioNode) Render(s *render.State, out *render.Out) error {
	var vals [3]any
	for i, x := range []render.Expr{n.val, n.max, n.width} {
		v, err := evalNow(s, x)
		if err != nil {
			return err
		}
		if _, ok := v.(render.Undefined); ok {
			return n.emit(s, out, "") // Django: VariableDoesNotExist gives ""
		}
		vals[i] = v
	}
	width, ok := render.ToInt(vals[2])
	if !ok {
		return s.Errorf(n.pos, nil, "{%% widthratio %%}: the width must be a number, not %s", render.TypeName(vals[2]))
	}
	value, ok1 := render.ToFloat(vals[0])
	maxv, ok2 := render.ToFloat(vals[1])
	switch {
	case !ok1 || !ok2:
		return n.emit(s, out, "")
	case maxv == 0:
		return n.emit(s, out, "0")
	}
	ratio := value / maxv * float64(width)
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return n.emit(s, out, "")
	}
	// Python's round() rounds half to even.
	return n.emit(s, out, strconv.FormatFloat(math.RoundToEven(ratio), 'f', 0, 64))
}

func (n *widthratioNode) emit(s *render.State, out *render.Out, text string) error {
	if n.as != "" {
		s.Scope.Set(n.as, text)
		return nil
	}
	out.WriteString(text)
	return nil
}
