package braid_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/braidtpl/braid"
)

func ExampleGo() {
	ctx := context.Background()
	news := braid.Go(ctx, func(ctx context.Context) ([]string, error) {
		time.Sleep(10 * time.Millisecond) // a remote call
		return []string{"braid 1.0", "faster pages"}, nil
	})
	eng := braid.New()
	tpl, _ := eng.FromString("<h1>News</h1>{% for n in news %}<p>{{ n }}</p>{% endfor %}\n")
	if err := tpl.Render(ctx, os.Stdout, map[string]any{"news": news}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <h1>News</h1><p>braid 1.0</p><p>faster pages</p>
}

func ExampleWithStats() {
	eng := braid.New(braid.WithStats(func(name string, st braid.Stats) {
		fmt.Printf("%s: %d nodes deferred, %d lazy values, slowest wait at line %d\n",
			name, st.Deferred, st.LazyStarted, st.Slowest[0].Line)
	}))
	tpl, _ := eng.FromString("{% for w in widgets %}\n{{ w }}{% endfor %}") // one slow value, used three times: it runs once
	slow := func(ctx context.Context) (string, error) { time.Sleep(5 * time.Millisecond); return "w", nil }
	out, _ := tpl.RenderString(context.Background(), map[string]any{"widgets": []any{slow, slow, slow}})
	fmt.Printf("%q\n", out)
	// Output:
	// string#1: 3 nodes deferred, 1 lazy values, slowest wait at line 2
	// "\nw\nw\nw"
}

func ExampleWithSequential() {
	// The reference mode: the same output, computed one value at a time.
	eng := braid.New(braid.WithSequential())
	tpl, _ := eng.FromString("{{ a }}+{{ b }}")
	lazy := func(v int) func(context.Context) (int, error) {
		return func(context.Context) (int, error) { return v, nil }
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"a": lazy(1), "b": lazy(2)})
	fmt.Println(out)
	// Output:
	// 1+2
}

func ExampleWithConcurrency() {
	eng := braid.New(braid.WithConcurrency(4)) // at most 4 lazy values computed at once; the rest queue
	tpl, _ := eng.FromString("{% for v in values %}{{ v }}{% endfor %}")
	values := make([]any, 10)
	for i := range values {
		values[i] = func(context.Context) (int, error) { time.Sleep(time.Millisecond); return i, nil }
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"values": values})
	fmt.Println(out)
	// Output:
	// 0123456789
}

func ExampleWithMaxBuffered() {
	// A page that streams a lot after a slow value holds at most about
	// 64 KiB behind it: the rest waits until the slow value is written.
	eng := braid.New(braid.WithMaxBuffered(64 << 10))
	tpl, _ := eng.FromString("{{ slow }}{% for i in rows %}<tr><td>{{ i }}</td></tr>{% endfor %}")
	slow := func(ctx context.Context) (string, error) { time.Sleep(5 * time.Millisecond); return "<table>", nil }
	rows := make([]int, 100_000)
	for i := range rows {
		rows[i] = i
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"slow": slow, "rows": rows})
	fmt.Println(len(out), out[len(out)-23:])
	// Output:
	// 2288903 <tr><td>99999</td></tr>
}
