package compiler

import (
	"github.com/braidtpl/braid/render"
)

// debugNode is {% debug %}: the variables in scope, innermost first, as
// Python dicts, escaped like any output. (Django also prints the loaded
// Python modules, which have no meaning here.)
type debugNode struct{}

func (debugNode) Render(s *render.State, out *render.Out) error {
	out.WriteValue(s, s.Scope.Dump())
	return nil
}
