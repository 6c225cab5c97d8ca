package braid

import (
	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Limits. Every resource a template can make a render or a compile
// consume has an option and a default; past a limit, the render or the
// compile stops with a positioned *Error whose cause is a *LimitError
// (errors.As finds it), and nothing more is written. SECURITY.md lists
// them with their defaults.

// LimitError is the cause of an error for a render or a compile that went
// past one of the engine's limits: Option names the option that sets it.
type LimitError = render.LimitError

// The defaults of the limits that have one.
const (
	// DefaultMaxSourceSize is WithMaxSourceSize's default: 16 MiB.
	DefaultMaxSourceSize = loader.DefaultMaxSourceSize
	// DefaultMaxNesting is WithMaxNesting's default.
	DefaultMaxNesting = parser.DefaultMaxDepth
	// DefaultMaxIncludeDepth is WithMaxIncludeDepth's default.
	DefaultMaxIncludeDepth = render.DefaultMaxIncludeDepth
	// DefaultMaxMacroDepth is WithMaxMacroDepth's default.
	DefaultMaxMacroDepth = render.DefaultMaxMacroDepth
)

// maxSourceSize is the most WithMaxSourceSize allows: positions inside a
// compiled template are 32-bit offsets.
const maxSourceSize = 1<<31 - 1

// WithMaxOutput bounds the bytes one render writes (default: no limit).
// The node that writes past the limit stops the render with its position
// ("the output is longer than n bytes"); the writer never gets more than
// n bytes. Deferred nodes count as they write, on any goroutine; the
// markup that out-of-order streaming adds does not count. n <= 0: no
// limit.
func WithMaxOutput(n int64) Option {
	return func(e *Engine) { e.env.Limits.MaxOutput = max(n, 0) }
}

// WithMaxSteps bounds the work of one render (default: no limit): each
// node rendered (a tag or a {{ }}, not literal text) and each iteration
// of a {% for %} is a step, on every goroutine of the render. The node or
// loop at the step past the limit stops the render with its position
// ("the render takes more than n steps"). It catches a runaway loop, or
// a macro that calls itself twice, where no deadline would. n <= 0: no
// limit.
func WithMaxSteps(n int64) Option {
	return func(e *Engine) { e.env.Limits.MaxSteps = max(n, 0) }
}

// WithMaxSourceSize bounds the size of a template's source in bytes
// (default DefaultMaxSourceSize, 16 MiB): a longer template is an error
// naming it, and its file is not read past the limit. Compiling is linear
// in the source's size, and a compiled template holds about ten times its
// size at most, so this bounds the memory and the time one template can
// take. n <= 0 keeps the default; at most 2 GiB - 1.
func WithMaxSourceSize(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.sandbox.MaxSourceSize = min(n, maxSourceSize)
		}
	}
}

// WithMaxNesting bounds how deeply a template nests (default
// DefaultMaxNesting, 512): tags inside tags, brackets, and the parts of
// an expression (operators, filters, and each link of a.b.c or a[0][1]),
// so that no template can exhaust the stack of the compiler or the
// renderer. Deeper input is a positioned syntax error ("tags nested
// deeper than 512 levels", "expression nested deeper than 512 levels").
// n <= 0 keeps the default.
func WithMaxNesting(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.sandbox.MaxNesting = n
		}
	}
}

// WithMaxIncludeDepth bounds how deeply templates render inside each
// other through include, ssi parsed and inclusion tags, and how many
// templates an {% extends %} chain has (default DefaultMaxIncludeDepth,
// 64). Past it, the tag stops the render with an error naming the chain
// ("templates nested deeper than 64 …: page.html → a.html → b.html →
// a.html → …"). n <= 0 keeps the default.
func WithMaxIncludeDepth(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.env.Limits.MaxIncludeDepth = n
		}
	}
}

// WithMaxMacroDepth bounds nested macro calls, a macro calling itself
// (default DefaultMaxMacroDepth, 64). Past it, the call stops the render
// with an error naming the chain ("macro calls nested deeper than 64 …:
// page.html → macro tree → macro tree → …"). n <= 0 keeps the default.
func WithMaxMacroDepth(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.env.Limits.MaxMacroDepth = n
		}
	}
}
