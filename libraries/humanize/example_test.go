package humanize_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/libraries/humanize"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// A template loads the library with {% load humanize %}; the dates are
// counted from the render's start.
func ExampleLibrary() {
	src := `{% load humanize %}{{ visitors|intcomma }} visitors, {{ revenue|intword }} dollars.
{{ place|ordinal }} place, {{ medals|apnumber }} medals.
Updated {{ updated|naturaltime }}; launched {{ launch|naturalday }}, reviewed {{ review|naturalday:"D j M" }}.
`
	tpl, err := parser.Parse("stats.html", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := compiler.Compile(tpl, src, compiler.Options{
		Filters:   filters.Builtins(),
		Libraries: map[string]*compiler.Library{"humanize": humanize.Library()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2024, 3, 15, 12, 30, 0, 0, time.UTC)
	data := map[string]any{
		"visitors": 4500000,
		"revenue":  1290000,
		"place":    22,
		"medals":   3,
		"updated":  now.Add(-70 * time.Minute),
		"launch":   now.AddDate(0, 0, -1),
		"review":   now.AddDate(0, 0, -10),
	}
	s := render.NewState(context.Background(), &render.Env{Autoescape: true, Sequential: true}, res.Program, data)
	s.Run.Now = now // the render's clock: fixed here, time.Now() by default
	out := render.NewOut(os.Stdout)
	if err := compiler.Execute(s, res.Program, out); err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Run.Wait(); err != nil {
		fmt.Println(err)
		return
	}
	out.Close()
	// Output:
	// 4,500,000 visitors, 1.3 million dollars.
	// 22nd place, three medals.
	// Updated an hour ago; launched yesterday, reviewed Tue 5 Mar.
}
