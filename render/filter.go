package render

import "fmt"

// ArgRule says whether a filter takes an argument.
type ArgRule uint8

// A filter's argument rule, checked when a template compiles.
const (
	ArgNone     ArgRule = iota // {{ x|upper }}
	ArgOptional                // {{ x|floatformat }} or {{ x|floatformat:2 }}
	ArgRequired                // {{ x|default:"y" }}
)

// NoArg is the argument a filter with an optional argument gets when the
// template gives none.
type NoArg struct{}

// Filter is one filter in an engine's table.
type Filter struct {
	// Fn computes the filter. arg is NoArg{} when the template gives no
	// argument. s.Autoescape says whether autoescaping is on, for filters
	// that escape (Django's needs_autoescape). A filter reads its input,
	// its argument and the state's settings, not the template's
	// variables: in a {{ }} that resumed after a wait (Resumer), s.Scope
	// holds the user's data only.
	Fn  func(s *State, in, arg any) (any, error)
	Arg ArgRule
	// IsSafe is Django's is_safe: a string result of a SafeString input
	// stays safe. A filter that makes safe output itself returns a
	// SafeString.
	IsSafe bool
	// Append, if set, appends to dst what Fn gives for a string input
	// in, which must not depend on anything else (no argument, no
	// state): {{ x|upper }} then writes the result into the output
	// without making a string of it (Out.WriteAppended).
	Append func(dst []byte, in string) []byte
}

// Apply runs the filter and applies its safeness rule.
func (f *Filter) Apply(s *State, in, arg any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, recoveredError(r)
		}
	}()
	s.Step()
	out, err = f.Fn(s, in, arg)
	if err != nil {
		return nil, err
	}
	if f.IsSafe {
		if str, ok := out.(string); ok {
			if _, safe := in.(SafeString); safe {
				return SafeString(str), nil
			}
		}
	}
	return out, nil
}

// recoveredError turns a recovered panic into an error, keeping an error value
// wrapped.
func recoveredError(r any) error {
	if err, ok := r.(error); ok {
		return fmt.Errorf("panic: %w", err)
	}
	return fmt.Errorf("panic: %v", r)
}
