package render

import (
	"context"
	"fmt"
	"strings"
	"unsafe"
)

// Limits bound what one render of a template may consume. A zero field
// takes its default.
type Limits struct {
	// MaxOutput is the most bytes of output a render writes (0: no
	// limit). The bytes of the page count, wherever they are written
	// (deferred nodes too); the markup out-of-order streaming adds does
	// not. The writer never gets more than MaxOutput bytes.
	MaxOutput int64
	// MaxSteps is the most steps a render takes (0: no limit): each node
	// rendered (a tag or a {{ }}; literal text is not a step) and each
	// iteration of a loop is one, on every goroutine of the render.
	MaxSteps int64
	// MaxIncludeDepth bounds how deeply templates render inside each
	// other (include, ssi parsed, inclusion tags) and how long an
	// {% extends %} chain is; 0: DefaultMaxIncludeDepth.
	MaxIncludeDepth int
	// MaxMacroDepth bounds nested macro calls (a macro calling itself);
	// 0: DefaultMaxMacroDepth.
	MaxMacroDepth int
}

// The default depths of Limits.
const (
	DefaultMaxIncludeDepth = 64
	DefaultMaxMacroDepth   = 64
)

// IncludeDepth is the include depth in force.
func (l *Limits) IncludeDepth() int {
	if l.MaxIncludeDepth > 0 {
		return l.MaxIncludeDepth
	}
	return DefaultMaxIncludeDepth
}

// MacroDepth is the macro depth in force.
func (l *Limits) MacroDepth() int {
	if l.MaxMacroDepth > 0 {
		return l.MaxMacroDepth
	}
	return DefaultMaxMacroDepth
}

// LimitError is the cause of a render or compile stopped by one of the
// engine's limits; errors.As finds it under the positioned *Error.
type LimitError struct {
	Option string // the engine option that sets the limit, e.g. "WithMaxOutput"
	Max    int64  // the limit
	Msg    string // what went past it, in words
	Chain  string // for depths: the templates and macros nested (Trail)
}

// Error is the message, the option and limit, and the chain, if any.
func (e *LimitError) Error() string {
	s := fmt.Sprintf("%s (braid.%s(%d))", e.Msg, e.Option, e.Max)
	if e.Chain != "" {
		s += ": " + e.Chain
	}
	return s
}

// Positioned is implemented by nodes that know where they start; a limit
// that stops the render at such a node names its position.
type Positioned interface {
	Position() Pos
}

// MethodPolicy says which methods of the data a template may call.
type MethodPolicy int

const (
	// MethodsAll: a method without arguments (or with only a context)
	// is called when looked up, and obj.Method(args) calls one with
	// arguments. The default.
	MethodsAll MethodPolicy = iota
	// MethodsNoArgs: methods without arguments (or with only a context)
	// are called; a call with arguments on an attribute, obj.Name(args),
	// is refused.
	MethodsNoArgs
	// MethodsNone: no method is called; fields, map keys and the
	// functions the data holds still work.
	MethodsNone
)

// String names the policy as braid's constants do.
func (p MethodPolicy) String() string {
	switch p {
	case MethodsNoArgs:
		return "MethodsNoArgs"
	case MethodsNone:
		return "MethodsNone"
	}
	return "MethodsAll"
}

// MethodError is the error for a method call the engine's MethodPolicy
// refuses.
type MethodError struct {
	Method string // the method's name
	Type   string // its receiver's type
	Policy MethodPolicy
}

// Error names the method, its receiver and the policy.
func (e *MethodError) Error() string {
	what := "calling methods is not allowed"
	if e.Policy == MethodsNoArgs {
		what = "calling methods with arguments is not allowed"
	}
	return fmt.Sprintf("%s is a method of %s: %s (braid.WithMethodCalls(braid.%s))", e.Method, e.Type, what, e.Policy)
}

type methodsKey struct{}

// methodPolicy is the policy a render's context carries (NewState puts it
// there, so that Lookup, which takes only a context, sees it).
func methodPolicy(ctx context.Context) MethodPolicy {
	if ctx == nil {
		return MethodsAll
	}
	p, _ := ctx.Value(methodsKey{}).(MethodPolicy)
	return p
}

// Trail is the chain of templates and macros a node renders inside,
// innermost first: each include, ssi, inclusion tag and macro call adds
// one. Limits name it in their errors.
type Trail struct {
	Name  string // a template's name, or "macro name"
	Up    *Trail
	Macro bool
}

// String is the chain outermost first, "page.html → a.html → b.html",
// with a repeated part shown once and then "…".
func (t *Trail) String() string {
	var names []string
	for x := t; x != nil; x = x.Up {
		names = append(names, x.Name)
	}
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	// Up to the first name seen before, and that name once more: the loop.
	seen := map[string]bool{}
	for i, n := range names {
		if seen[n] {
			if i+1 < len(names) {
				return strings.Join(names[:i+1], " → ") + " → …"
			}
			return strings.Join(names, " → ")
		}
		seen[n] = true
	}
	if len(names) > 8 {
		return strings.Join(names[:3], " → ") + " → … → " + strings.Join(names[len(names)-3:], " → ")
	}
	return strings.Join(names, " → ")
}

// Tick counts one step of the render (an iteration of a loop at pos)
// against Limits.MaxSteps; past the limit it is the positioned error.
func (s *State) Tick(pos Pos) error {
	r := s.Run
	if r.maxSteps <= 0 || r.steps.Add(1) <= r.maxSteps {
		return nil
	}
	return s.Errorf(pos, r.stepsError(), "")
}

func (r *Run) stepsError() error {
	return &LimitError{Option: "WithMaxSteps", Max: r.maxSteps, Msg: fmt.Sprintf("the render takes more than %d steps", r.maxSteps)}
}

// step counts node n as a step; past the limit, a node that knows its
// position stops the render there (others are counted only: the next
// positioned node or loop iteration stops it).
func (s *State) step(n Node) error {
	r := s.Run
	if r.maxSteps <= 0 {
		return nil
	}
	switch n.(type) {
	case Text, *Text:
		return nil
	}
	if r.steps.Add(1) <= r.maxSteps {
		return nil
	}
	if p, ok := n.(Positioned); ok {
		return s.Errorf(p.Position(), r.stepsError(), "")
	}
	return nil
}

// at gives a limit's error, which Out reports without a position, the
// position of node n, which wrote past it.
func (s *State) at(n Node, err error) error {
	if _, ok := err.(*LimitError); !ok {
		return err
	}
	var pos Pos
	switch n := n.(type) {
	case Positioned:
		pos = n.Position()
	case Text:
		pos = s.Prog.textPos(string(n))
	case *Text:
		pos = s.Prog.textPos(string(*n))
	}
	if pos.Line == 0 {
		return err // the enclosing node's position, then
	}
	return s.Errorf(pos, err, "")
}

// textPos is where text starts in p's source, when it is a piece of it
// (literal text is: the compiler keeps it as a slice of the source).
func (p *Program) textPos(text string) Pos {
	if p == nil || text == "" || p.Source == "" {
		return Pos{}
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(p.Source)))
	at := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	if at < base || at+uintptr(len(text)) > base+uintptr(len(p.Source)) {
		return Pos{}
	}
	return p.resolve(At(int(at - base)))
}

// CountOutput makes o count the bytes written to it, and to the Outs it
// splits into, against r's Limits.MaxOutput. Call it once per render,
// after Reset and Begin.
func (o *Out) CountOutput(r *Run) {
	o.run = nil
	if r != nil && r.maxOutput > 0 {
		o.run = r
	}
}

// counted counts n bytes just written to o; past the limit the output
// fails with a *LimitError (Err reports it) and writes nothing more.
func (o *Out) counted(n int) {
	r := o.run
	if r == nil {
		if o.st == nil || o.st.run.maxOutput <= 0 {
			return // a capture, or no limit
		}
		r = o.st.run
	}
	if r.output.Add(int64(n)) <= r.maxOutput {
		return
	}
	// The writer gets nothing more (what is buffered past the limit
	// included): a failed output writes nothing.
	err := &LimitError{Option: "WithMaxOutput", Max: r.maxOutput, Msg: fmt.Sprintf("the output is longer than %d bytes", r.maxOutput)}
	if o.st == nil {
		if o.err == nil {
			o.err = err
		}
		return
	}
	st := o.st
	st.mu.Lock()
	if st.err == nil {
		st.err = err
		st.failed.Store(true)
	}
	st.mu.Unlock()
}
