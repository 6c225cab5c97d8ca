package render_test

import (
	"context"
	"fmt"
	"time"

	"github.com/braidtpl/braid/render"
)

type User struct {
	Name  string
	Roles []string
}

func (u *User) Initial() string { return u.Name[:1] }

func ExampleLookup() {
	ctx := context.Background()
	data := map[string]any{"user": &User{Name: "Ada", Roles: []string{"admin", "dev"}}}

	user, _, _ := render.Lookup(ctx, data, "user")   // a map key
	name, _, _ := render.Lookup(ctx, user, "Name")   // a struct field
	ini, _, _ := render.Lookup(ctx, user, "Initial") // a method, called
	roles, _, _ := render.Lookup(ctx, user, "Roles")
	last, _, _ := render.Lookup(ctx, roles, "-1") // an index, negative from the end
	_, found, _ := render.Lookup(ctx, user, "Email")
	fmt.Println(name, ini, last, found)
	// Output: Ada A dev false
}

func ExampleString() {
	fmt.Println(render.String(nil))
	fmt.Println(render.String(true))
	fmt.Println(render.String(1.0), render.String(0.1), render.String(1e16), render.String(1.5e-7))
	fmt.Println(render.String([]any{1, "it's", nil, 2.5}))
	fmt.Println(render.String(map[string]any{"b": false, "a": []string{"x"}}))
	fmt.Println(render.String(time.Date(2024, 5, 6, 7, 8, 9, 500_000, time.UTC)))
	// Output:
	// None
	// True
	// 1.0 0.1 1e+16 1.5e-07
	// [1, "it's", None, 2.5]
	// {'a': ['x'], 'b': False}
	// 2024-05-06 07:08:09.000500+00:00
}
