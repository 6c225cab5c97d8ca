// Package compat helps programs written for other Go template engines move
// to braid: compat/pongo2 offers pongo2's API on braid's engine, and the
// functions here turn blocking code into lazy values, which braid resolves
// concurrently while the page streams.
package compat

import (
	"context"
	"reflect"
)

// Blocking makes a blocking function a lazy value: put the result in a
// template's data and braid calls fn when the page first needs it, on a
// goroutine of its own, concurrently with the rest of the page. fn cannot
// be cancelled: when the render's context ends first, the render returns
// and fn's result is dropped when it comes.
func Blocking[T any](fn func() (T, error)) func(context.Context) (T, error) {
	return func(context.Context) (T, error) { return fn() }
}

// Lazy returns a copy of data whose functions of no arguments (returning a
// value, or a value and an error) are lazy values, so that a template that
// prints them computes them concurrently; other values are kept. Nested
// maps are not walked.
func Lazy(data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		out[k] = lazy(v)
	}
	return out
}

var (
	errorType = reflect.TypeFor[error]()
)

// lazy is v as a lazy value, when it is a function of no arguments.
func lazy(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Func || rv.IsNil() {
		return v
	}
	t := rv.Type()
	if t.NumIn() != 0 || t.NumOut() < 1 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errorType {
		return v
	}
	return func(context.Context) (any, error) {
		out := rv.Call(nil)
		if len(out) == 2 && !out[1].IsNil() {
			return nil, out[1].Interface().(error)
		}
		return out[0].Interface(), nil
	}
}
