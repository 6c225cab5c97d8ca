package pongo2

import (
	"errors"
	"fmt"
	"regexp"
	"sync/atomic"

	"github.com/braidtpl/braid/render"
)

// Context is the data of a render: names and their values.
type Context map[string]any

// Update copies other's entries into c and returns c.
func (c Context) Update(other Context) Context {
	for k, v := range other {
		c[k] = v
	}
	return c
}

var identifier = regexp.MustCompile(`^[a-zA-Z0-9_]+$`)

// check refuses a name that templates could not use, as pongo2 does.
func (c Context) check() error {
	for k, v := range c {
		if !identifier.MatchString(k) {
			return fmt.Errorf("context-key '%s' (value: '%+v') is not a valid identifier", k, v)
		}
	}
	return nil
}

// autoescape is SetAutoescape's setting: pongo2's API is global here, as
// in pongo2 (the one place compat keeps package state).
var autoescape atomic.Bool

func init() { autoescape.Store(true) }

// SetAutoescape sets whether the sets' templates escape what they print
// (default true), for templates compiled from now on.
func SetAutoescape(on bool) { autoescape.Store(on) }

// ExecutionContext is what a custom tag's node and a function taking one
// as its first parameter see of the render: its data (Public, read-only),
// data of its own (Private) and data shared along the render (Shared).
type ExecutionContext struct {
	template   *Template
	state      *render.State // the render's, where the tag runs
	Autoescape bool
	Public     Context
	Private    Context
	Shared     Context
}

// NewChildExecutionContext returns a context for a nested part of the
// render: the same Public and Shared data, a copy of the Private.
func NewChildExecutionContext(parent *ExecutionContext) *ExecutionContext {
	c := &ExecutionContext{template: parent.template, state: parent.state, Autoescape: parent.Autoescape, Public: parent.Public, Shared: parent.Shared, Private: Context{}}
	c.Private.Update(parent.Private)
	return c
}

// Error returns an error of the render at token.
func (ctx *ExecutionContext) Error(msg string, token *Token) *Error {
	return ctx.OrigError(errors.New(msg), token)
}

// OrigError returns err as an error of the render at token.
func (ctx *ExecutionContext) OrigError(err error, token *Token) *Error {
	e := &Error{Template: ctx.template, Sender: "execution", OrigError: err, Token: token}
	if ctx.template != nil {
		e.Filename = ctx.template.display
	}
	if token != nil {
		e.Filename, e.Line, e.Column = token.Filename, token.Line, token.Col
	}
	return e
}

// Logf logs, when the template's set has Debug on.
func (ctx *ExecutionContext) Logf(format string, args ...any) {
	if ctx.template != nil {
		ctx.template.set.logf(format, args...)
	}
}
