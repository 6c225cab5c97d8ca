package bench

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/braidtpl/braid/compat"
	compatpongo2 "github.com/braidtpl/braid/compat/pongo2"
	"github.com/flosch/pongo2/v6"
)

// compatPage is one pongo2 program's template: 20 widgets whose body is a
// blocking function.
const compatPage = `<h1>Dashboard</h1>{% for w in widgets %}<section><h2>{{ w.Title }}</h2>{{ w.Body }}</section>{% endfor %}<footer>end</footer>`

func blockingWidgets(n int, d time.Duration, wrap func(func() (string, error)) any) []map[string]any {
	ws := make([]map[string]any, n)
	for i := range ws {
		body := func() (string, error) { time.Sleep(d); return fmt.Sprintf("body %d", i), nil }
		ws[i] = map[string]any{"Title": fmt.Sprintf("widget %d", i), "Body": wrap(body)}
	}
	return ws
}

// BenchmarkCompatMigration: the same pongo2 program before and after the
// import change (pongo2 → compat/pongo2), over plain data and over 20 ×
// 20 ms blocking functions: as they are, and made lazy with
// compat.Blocking, which braid then runs concurrently.
func BenchmarkCompatMigration(b *testing.B) {
	plain := func(f func() (string, error)) any { return f }
	lazy := func(f func() (string, error)) any { return compat.Blocking(f) }
	b.Run("pongo2/blocking", func(b *testing.B) {
		tpl := pongo2.Must(pongo2.FromString(compatPage))
		ctx := pongo2.Context{"widgets": blockingWidgets(20, 20*time.Millisecond, plain)}
		for b.Loop() {
			if err := tpl.ExecuteWriter(ctx, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compat/blocking", func(b *testing.B) {
		tpl := compatpongo2.Must(compatpongo2.FromString(compatPage))
		ctx := compatpongo2.Context{"widgets": blockingWidgets(20, 20*time.Millisecond, plain)}
		for b.Loop() {
			if err := tpl.ExecuteWriter(ctx, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compat/lazy", func(b *testing.B) {
		tpl := compatpongo2.Must(compatpongo2.FromString(compatPage))
		ctx := compatpongo2.Context{"widgets": blockingWidgets(20, 20*time.Millisecond, lazy)}
		for b.Loop() {
			if err := tpl.ExecuteWriter(ctx, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pongo2/plain", func(b *testing.B) {
		tpl := pongo2.Must(pongo2.FromString(compatPage))
		ctx := pongo2.Context{"widgets": blockingWidgets(20, 0, plain)}
		for b.Loop() {
			if err := tpl.ExecuteWriter(ctx, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compat/plain", func(b *testing.B) {
		tpl := compatpongo2.Must(compatpongo2.FromString(compatPage))
		ctx := compatpongo2.Context{"widgets": blockingWidgets(20, 0, plain)}
		for b.Loop() {
			if err := tpl.ExecuteWriter(ctx, io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCompatMigrationSameOutput checks the benchmark's programs print the
// same page before and after the import change.
func TestCompatMigrationSameOutput(t *testing.T) {
	want, err := pongo2.Must(pongo2.FromString(compatPage)).Execute(pongo2.Context{"widgets": blockingWidgets(3, 0, func(f func() (string, error)) any { return f })})
	if err != nil {
		t.Fatal(err)
	}
	for _, wrap := range []func(func() (string, error)) any{
		func(f func() (string, error)) any { return f },
		func(f func() (string, error)) any { return compat.Blocking(f) },
	} {
		got, err := compatpongo2.Must(compatpongo2.FromString(compatPage)).Execute(compatpongo2.Context{"widgets": blockingWidgets(3, 0, wrap)})
		if err != nil || got != want {
			t.Errorf("%q, %v; want %q", got, err, want)
		}
	}
}
