package compiler

import (
	"github.com/braidtpl/braid/render"
)

// debugNode is {% debug %}: the variables in scope, innermost first, as
// Python dicts, escaped like any output. (Django also prints the loaded
// Python modules, which have no meaning here.)
//
// It is off unless the engine allows it (Options.DebugTag): it shows
// every variable, which a template author should not see by default.
type debugNode struct{ pos render.Pos }

func (n *debugNode) Position() render.Pos { return n.pos }

func (*debugNode) Render(s *render.State, out *render.Out) error {
	out.WriteValue(s, s.Scope.Dump())
	return nil
}
