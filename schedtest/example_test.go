package schedtest_test

import (
	"context"
	"fmt"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

func Example() {
	// Render a page under each policy, over a value made outside the
	// render (as braid.Go makes) that the schedule resolves when it
	// chooses: the output never changes.
	tpl, _ := braid.New().FromString(`{% if u.Admin %}admin{% else %}{{ u.Name }}{% endif %}`)
	type user struct {
		Name  string
		Admin bool
	}
	for _, p := range schedtest.Policies {
		sch := schedtest.New(p, 1)
		ctx := render.WithSchedule(context.Background(), sch)
		out, err := tpl.RenderString(ctx, map[string]any{"u": sch.Promise(&user{Name: "ann"}, nil)})
		fmt.Println(p, out, err)
	}
	// Output:
	// eager ann <nil>
	// late ann <nil>
	// next ann <nil>
	// random ann <nil>
}

func ExampleFromByte() {
	// A fuzz target takes its schedule from its input, so that a failing
	// input replays exactly.
	sch := schedtest.FromByte(6, 42)
	fmt.Println(sch)
	// Output:
	// next
}
