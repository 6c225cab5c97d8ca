package compiler

import (
	"regexp"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// autoescapeNode is {% autoescape on|off %}…{% endautoescape %}.
type autoescapeNode struct {
	on   bool
	body render.Nodes
}

func (n *autoescapeNode) Render(s *render.State, out *render.Out) error {
	saved := s.Autoescape
	s.Autoescape = n.on
	err := n.body.Render(s, out)
	s.Autoescape = saved
	return err
}

// spacelessNode is {% spaceless %}: whitespace between tags goes.
type spacelessNode struct{ body render.Nodes }

var betweenTags = regexp.MustCompile(`>\s+<`)

func (n *spacelessNode) Render(s *render.State, out *render.Out) error {
	buf := render.NewCapture()
	if err := n.body.Render(s, buf); err != nil {
		return err
	}
	text := buf.String()
	if !s.Run.Env.Pongo2 { // pongo2 keeps the whitespace at the ends
		// Django: strip_spaces_between_tags(self.nodelist.render(context).strip())
		text = trimSpace(text)
	}
	out.WriteString(betweenTags.ReplaceAllLiteralString(text, "><"))
	return nil
}

// trimSpace is Python's str.strip() for the whitespace Django's templates
// meet.
func trimSpace(s string) string {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' }
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// filterNode is {% filter f|g %}…{% endfilter %}: the body's output goes
// through the filters.
type filterNode struct {
	body    render.Nodes
	filters []compiledFilter
}

func (c *compiler) filterTag(n *parser.FilterNode) render.Node {
	fe := c.filtered(&parser.Filtered{Span: n.Span, Filters: n.Filters}).(*filteredExpr)
	return &filterNode{body: c.nodes(n.Body), filters: fe.filters}
}

func (n *filterNode) Render(s *render.State, out *render.Out) error {
	buf := render.NewCapture()
	if err := n.body.Render(s, buf); err != nil {
		return err
	}
	// The body's output is already escaped as needed: Django treats it as
	// safe (mark_safe) before filtering.
	fe := filteredExpr{x: constExpr{render.SafeString(buf.String())}, filters: n.filters}
	v, err := evalNow(s, &fe)
	if err != nil {
		return err
	}
	// As Django's FilterNode, the result is the tag's output as it is:
	// the body was escaped as it rendered, and a filter that is not
	// is_safe (upper) must not escape it a second time.
	out.WriteString(render.String(v))
	return nil
}

// firstofNode is {% firstof a b c [as name] %}.
type firstofNode struct {
	vals []render.Expr
	as   string
}

func (c *compiler) firstofTag(n *parser.FirstofNode) render.Node {
	f := &firstofNode{as: n.As}
	if n.As != "" {
		c.markStateful(n.Pos, "firstof … as", whyBinds)
	}
	for _, v := range n.Values {
		f.vals = append(f.vals, lenient(c.expr(v), false))
	}
	return f
}

func (n *firstofNode) Render(s *render.State, out *render.Out) error {
	saved := s.AllowMissing
	s.AllowMissing = true // firstof exists to skip missing values
	defer func() { s.AllowMissing = saved }()
	var first any = ""
	for _, x := range n.vals {
		v, err := evalNow(s, x)
		if err != nil {
			return err
		}
		if truthy(v) {
			first = v
			break
		}
	}
	if n.as != "" {
		// Django: the variable gets the escaped text (render_value_in_context).
		cap := render.NewCapture()
		cap.WriteValue(s, first)
		s.Scope.Set(n.as, render.SafeString(cap.String()))
		return nil
	}
	out.WriteValue(s, first)
	return nil
}
