package braid_test

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
)

// slowly is a lazy value ready after d.
func slowly(d time.Duration, v string) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		select {
		case <-time.After(d):
			return v, nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

func ExampleWithOutOfOrder() {
	// Out of order, the slow first item leaves a marker and the rest of
	// the page goes on; its content follows when it is ready, as a
	// <template for> that the browser puts in the marker's place.
	eng := braid.New(braid.WithOutOfOrder(true))
	tpl, _ := eng.FromString(`<ul>{% for x in items %}<li>{{ x }}</li>{% endfor %}</ul>`)
	var b strings.Builder
	items := []any{slowly(50*time.Millisecond, "slow"), "fast"}
	err := tpl.Render(braid.WithStreaming(context.Background(), braid.Streaming{OutOfOrder: true, Native: true}), &b, map[string]any{"items": items})
	fmt.Println(b.String(), err)
	// Output:
	// <ul><li><?marker name="b1"></li><li>fast</li></ul><template for="b1">slow</template> <nil>
}

func ExampleWithStreaming() {
	// The per-render choice: in order for this render (a crawler, say),
	// whatever the engine's default.
	eng := braid.New(braid.WithOutOfOrder(true))
	tpl, _ := eng.FromString(`<ul>{% for x in items %}<li>{{ x }}</li>{% endfor %}</ul>`)
	ctx := braid.WithStreaming(context.Background(), braid.Streaming{OutOfOrder: false})
	out, err := tpl.RenderString(ctx, map[string]any{"items": []any{slowly(10*time.Millisecond, "slow"), "fast"}})
	fmt.Println(out, err)
	// Output:
	// <ul><li>slow</li><li>fast</li></ul> <nil>
}

func ExampleRecordStats() {
	tpl, _ := braid.New().FromString(`{% for x in items %}{{ x }} {% endfor %}`)
	var st braid.Stats
	ctx := braid.RecordStats(context.Background(), &st)
	items := []any{slowly(time.Millisecond, "a"), slowly(time.Millisecond, "b"), slowly(time.Millisecond, "c")}
	out, _ := tpl.RenderString(ctx, map[string]any{"items": items})
	fmt.Println(out, st.LazyStarted, st.Deferred)
	// Output:
	// a b c  3 3
}

func ExampleEngine_Compile() {
	eng := braid.New()
	_, err := eng.Compile("emails/welcome.txt", "Hi {{ name|shout }}")
	fmt.Println(err)
	// Output:
	// emails/welcome.txt:1:12: unknown filter "shout"
}

func ExampleEngine_Err() {
	eng := braid.New(braid.WithFilter("bad", func(a, b, c int) int { return a + b + c }))
	fmt.Println(eng.Err())
	// Output:
	// braid.WithFilter("bad"): filter func(int, int, int) int: want one argument (the value) or two (the value and the filter's argument), after an optional context.Context
}

func ExampleWithDialect() {
	// pongo2's dialect: whitespace control, escaped literals, nil as "".
	eng := braid.New(braid.WithDialect(braid.Pongo2))
	tpl, _ := eng.FromString("<p>\n  {{- \"<b>\" }}|{{ nothing }}|{{ 2.5 -}}\n</p>")
	out, _ := tpl.RenderString(context.Background(), map[string]any{"nothing": nil})
	fmt.Println(out)
	// Output:
	// <p>&lt;b&gt;||2.500000</p>
}

func ExampleWithNameResolver() {
	// Names relative to the including template's directory, as pongo2's.
	files := fstest.MapFS{
		"mail/welcome.txt": {Data: []byte(`Hi! {% include "footer.txt" %}`)},
		"mail/footer.txt":  {Data: []byte(`-- the team`)},
	}
	eng := braid.New(braid.WithFS(files), braid.WithNameResolver(func(name, from string) (string, error) {
		return path.Join(path.Dir(from), name), nil
	}))
	tpl, _ := eng.Template("mail/welcome.txt")
	out, err := tpl.RenderString(context.Background(), nil)
	fmt.Println(out, err)
	// Output:
	// Hi! -- the team <nil>
}

func ExampleWithTrimBlocks() {
	eng := braid.New(braid.WithTrimBlocks(true), braid.WithLStripBlocks(true))
	tpl, _ := eng.FromString("<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>")
	out, _ := tpl.RenderString(context.Background(), map[string]any{"xs": []int{1, 2}})
	fmt.Println(out)
	// Output:
	// <ul>
	//   <li>1</li>
	//   <li>2</li>
	// </ul>
}
