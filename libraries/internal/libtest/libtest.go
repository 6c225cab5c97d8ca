// Package libtest renders templates with tag libraries for the libraries'
// own tests, without the braid engine (which imports the libraries).
package libtest

import (
	"context"
	"strings"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Render compiles src with the built-in filters and libs and renders it
// with data under env (nil: autoescaping, concurrency 4); a non-zero now
// is the render's start.
func Render(src string, libs map[string]*compiler.Library, data map[string]any, env *render.Env, now time.Time) (string, error) {
	opts := compiler.Options{Filters: filters.Builtins(), Libraries: libs}
	tpl, err := parser.Parse("page.html", src, opts.ParseOptions()...)
	if err != nil {
		return "", err
	}
	res, err := compiler.Compile(tpl, src, opts)
	if err != nil {
		return "", err
	}
	if env == nil {
		env = &render.Env{Autoescape: true, Concurrency: 4}
	}
	var b strings.Builder
	s := render.NewState(context.Background(), env, res.Program, data)
	if !now.IsZero() {
		s.Run.Now = now
	}
	out := render.NewOut(&b)
	err = compiler.Execute(s, res.Program, out)
	if werr := s.Run.Wait(); err == nil {
		err = werr
	}
	if err == nil {
		err = out.Close()
	}
	return b.String(), err
}
