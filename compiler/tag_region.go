package compiler

import "github.com/braidtpl/braid/render"

// RegionTag is {% region %}…{% placeholder %}…{% endregion %}, built into
// every engine: a region of the page that, when the render streams out of
// order (render.Streaming), is sent as one piece once all of it is ready,
// with the placeholder's content shown in its place until then (a
// skeleton, "Loading…"). In order, the body renders where it is and the
// placeholder is not used; {% placeholder %} is optional.
func RegionTag() BlockTag {
	return BlockTag{Body: true, Intermediates: []string{"placeholder"}, Compile: compileRegion}
}

type regionNode struct {
	body, fallback render.Nodes
	pos            render.Pos
}

func compileRegion(call *TagCall) (render.Node, error) {
	if call.Node.Args != "" {
		return nil, call.Errorf(call.Node.Pos, "{%% region %%} takes no arguments; usage: {%% region %%}…[{%% placeholder %%}…]{%% endregion %%}")
	}
	n := &regionNode{body: call.Nodes(call.Node.Body), pos: call.Pos(call.Node.Pos)}
	switch len(call.Node.Clauses) {
	case 0:
	case 1:
		c := call.Node.Clauses[0]
		if args, _ := c.Arguments(); args != nil && (len(args.Args) > 0 || args.As != "") {
			return nil, call.Errorf(c.Pos, "{%% placeholder %%} takes no arguments")
		}
		n.fallback = call.Nodes(c.Body)
	default:
		return nil, call.Errorf(call.Node.Clauses[1].Pos, "{%% region %%} takes one {%% placeholder %%}")
	}
	return n, nil
}

func (n *regionNode) Render(s *render.State, out *render.Out) error {
	if !s.OutOfOrder() || !out.CanSplit() {
		return n.body.Render(s, out)
	}
	fallback := render.NewCapture()
	if err := n.fallback.Render(s, fallback); err != nil {
		return err
	}
	return s.Region(out, n.pos, []byte(fallback.String()), n.body.Render)
}
