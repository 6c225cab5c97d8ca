package braid

import "github.com/braidtpl/braid/render"

// The sandbox, for templates written by less-trusted authors (CMS pages,
// e-mail templates, themes): tags and filters they may not use, the
// methods of the data they may call, {% debug %} (off by default), and
// sources confined to the engine's own (include, extends, import and ssi
// read only through WithFS and WithDir; see SECURITY.md).

// MethodPolicy says which methods of the data a template may call
// (WithMethodCalls).
type MethodPolicy = render.MethodPolicy

// The method-call policies.
const (
	// MethodsAll calls a method without arguments (or with only a
	// context.Context) when a template looks it up, {{ user.Name }},
	// and lets obj.Method(args) call one with arguments. The default.
	MethodsAll = render.MethodsAll
	// MethodsNoArgs calls methods without arguments (or with only a
	// context.Context), as Django calls callables; a call with
	// arguments on an attribute, {{ account.Withdraw(1000) }}, is a
	// compile error, and a method with arguments reached any other way
	// is refused when the template renders, before it runs.
	MethodsNoArgs = render.MethodsNoArgs
	// MethodsNone calls no method of the data: looking one up is an
	// error at its position. Fields, map keys, and the functions the
	// application put in the data (lazy values, helpers called as
	// name(args)) still work, and a value still prints through its
	// String or Error method, as Python prints through __str__.
	MethodsNone = render.MethodsNone
)

// MethodError is the cause of a render error for a method call the
// engine's MethodPolicy refuses.
type MethodError = render.MethodError

// WithMethodCalls sets which methods of the data templates may call
// (default MethodsAll). A refused call leaves the data untouched: the
// method never runs.
func WithMethodCalls(p MethodPolicy) Option {
	return func(e *Engine) { e.sandbox.Methods = p }
}

// WithBannedTags forbids tags in this engine's templates, built-in or
// custom: a use is a compile error naming it ("{% include %} is not
// allowed in this engine's templates"). Banning a block tag bans its
// whole construct ({% for %} … {% endfor %}). Repeat it to add more.
func WithBannedTags(names ...string) Option {
	return func(e *Engine) {
		if e.sandbox.BannedTags == nil {
			e.sandbox.BannedTags = map[string]bool{}
		}
		for _, n := range names {
			e.sandbox.BannedTags[n] = true
		}
	}
}

// WithBannedFilters forbids filters in this engine's templates, built-in
// or custom, {% filter %} included: a use is a compile error naming it
// ("filter \"safe\" is not allowed in this engine's templates"). Repeat
// it to add more.
func WithBannedFilters(names ...string) Option {
	return func(e *Engine) {
		if e.sandbox.BannedFilters == nil {
			e.sandbox.BannedFilters = map[string]bool{}
		}
		for _, n := range names {
			e.sandbox.BannedFilters[n] = true
		}
	}
}

// WithDebugTag allows {% debug %}, which prints every variable in scope
// (default false: the tag is a compile error that says how to allow it).
// Django always has it; braid leaves it off because it shows a template's
// author all of the data, which a sandboxed author should not see, and
// which a page should not show by accident. Turn it on for development.
func WithDebugTag(on bool) Option {
	return func(e *Engine) { e.sandbox.DebugTag = on }
}
