package filters_test

import (
	"context"
	"fmt"
	"time"

	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/render"
)

// state is what the engine passes to a filter: autoescape on, the render's
// start time.
func state() *render.State {
	return &render.State{
		Ctx:        context.Background(),
		Autoescape: true,
		Run:        &render.Run{Env: &render.Env{}, Now: time.Date(2024, 3, 15, 12, 30, 0, 0, time.UTC)},
	}
}

// {{ value|floatformat }}, {{ value|floatformat:3 }}, {{ value|floatformat:"-3" }}
// and {{ value|floatformat:"2g" }}.
func ExampleBuiltins_floatformat() {
	f := filters.Builtins()["floatformat"]
	for _, arg := range []any{render.NoArg{}, 3, "-3", "2g"} {
		out, _ := f.Apply(state(), 34.26, arg)
		fmt.Println(out)
	}
	out, _ := f.Apply(state(), 6666.6666, "2g")
	fmt.Println(out)
	// Output:
	// 34.3
	// 34.260
	// 34.260
	// 34.26
	// 6,666.67
}

// {{ text|urlize }}: links get rel="nofollow"; the rest is escaped.
func ExampleBuiltins_urlize() {
	out, _ := filters.Builtins()["urlize"].Apply(state(), "Visit www.djangoproject.com or mail me@example.com <now>!", render.NoArg{})
	fmt.Println(out)
	// Output:
	// Visit <a href="http://www.djangoproject.com" rel="nofollow">www.djangoproject.com</a> or mail <a href="mailto:me@example.com">me@example.com</a> &lt;now&gt;!
}

// {{ html|truncatechars_html:9 }} and {{ html|truncatewords_html:2 }} close
// the elements they cut.
func ExampleBuiltins_truncateHTML() {
	html := `<p>Joel <a href="#">is a slug</a></p>`
	fs := filters.Builtins()
	out, _ := fs["truncatechars_html"].Apply(state(), html, 9)
	fmt.Println(out)
	out, _ = fs["truncatewords_html"].Apply(state(), html, 2)
	fmt.Println(out)
	// Output:
	// <p>Joel <a href="#">is …</a></p>
	// <p>Joel <a href="#">is …</a></p>
}

// {{ value|pluralize }}, {{ value|pluralize:"y,ies" }}, {{ value|yesno:"yeah,no,maybe" }}.
func ExampleBuiltins_pluralize() {
	fs := filters.Builtins()
	for _, n := range []int{1, 2} {
		s, _ := fs["pluralize"].Apply(state(), n, render.NoArg{})
		ies, _ := fs["pluralize"].Apply(state(), n, "y,ies")
		fmt.Printf("%d vote%s, %d cand%s\n", n, s, n, ies)
	}
	yn, _ := fs["yesno"].Apply(state(), nil, "yeah,no,maybe")
	fmt.Println(yn)
	// Output:
	// 1 vote, 1 candy
	// 2 votes, 2 candies
	// maybe
}

// {{ date|timesince }} counts from the render's start.
func ExampleTimeSince() {
	now := time.Date(2024, 3, 15, 12, 30, 0, 0, time.UTC)
	fmt.Printf("%q\n", filters.TimeSince(now.Add(-51*time.Hour), now))
	fmt.Printf("%q\n", filters.TimeSince(now.AddDate(-1, -2, -3), now))
	// Output:
	// "2\u00a0days, 3\u00a0hours"
	// "1\u00a0year, 2\u00a0months"
}

func ExampleSlugify() {
	fmt.Println(filters.Slugify("Jürgen Straße & Co. ½ price!"))
	// Output:
	// jurgen-strae-co-12-price
}

// {{ value|stringformat:"08.3f" }} is Python's "%08.3f" % value.
func ExamplePyFormat() {
	s, _ := filters.PyFormat("%08.3f", -3.14159)
	fmt.Println(s)
	s, _ = filters.PyFormat("[%-6d]", 255)
	fmt.Println(s)
	s, _ = filters.PyFormat("%#x", 255)
	fmt.Println(s)
	_, err := filters.PyFormat("%s and %s", "one")
	fmt.Println(err)
	// Output:
	// -003.142
	// [255   ]
	// 0xff
	// not enough arguments for format string
}

// {{ data|json_script:"hello-data" }}.
func ExampleBuiltins_jsonScript() {
	out, _ := filters.Builtins()["json_script"].Apply(state(), map[string]any{"hello": "world </script>"}, "hello-data")
	fmt.Println(out)
	// Output:
	// <script id="hello-data" type="application/json">{"hello": "world \u003C/script\u003E"}</script>
}
