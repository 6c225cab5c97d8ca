package braid_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// pendingData rebuilds data with values made pending, for a render under
// sch: with deep false, the top-level values (a render cannot tell them
// from the plain data); with deep, every map value at any depth, inside
// lists too. The i-th value (in sorted key order, depth first) becomes a
// lazy function when i is even and a future resolved by sch when odd, so
// both kinds of pending value meet every construct, and the same data and
// schedule give the same render every time.
func pendingData(data map[string]any, sch *schedtest.Schedule, deep bool) map[string]any {
	n := 0
	var walk func(v any, depth int) any
	pend := func(v any) any {
		n++
		if n%2 == 0 {
			return func(context.Context) (any, error) { return v, nil }
		}
		return sch.Promise(v, nil)
	}
	walk = func(v any, depth int) any {
		switch v := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(v))
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				x := v[k]
				if deep || depth == 0 {
					x = walk(x, depth+1)
					out[k] = pend(x)
				} else {
					out[k] = x
				}
			}
			return out
		case []any:
			if !deep {
				return v
			}
			out := make([]any, len(v))
			for i, x := range v {
				out[i] = walk(x, depth+1)
			}
			return out
		}
		return v
	}
	return walk(data, 0).(map[string]any)
}

// scheduleCases are the schedules every golden case runs under.
func scheduleCases() []*schedtest.Schedule {
	var out []*schedtest.Schedule
	for _, p := range schedtest.Policies {
		if p == "random" {
			for seed := range uint64(3) {
				out = append(out, schedtest.New(p, seed+1))
			}
			continue
		}
		out = append(out, schedtest.New(p, 0))
	}
	return out
}

// renderScheduled renders name with data under sch. Work the render left
// queued (values nothing needed) then runs; it must not write anything.
func renderScheduled(t *testing.T, eng *braid.Engine, name string, data map[string]any, sch *schedtest.Schedule) (string, error) {
	tpl, err := eng.Template(name)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = tpl.Render(brender.WithSchedule(context.Background(), sch), &b, data)
	got := b.String()
	sch.Wait(func() bool { return false })
	if b.String() != got {
		t.Errorf("schedule %s: work left after the render wrote %q", sch, b.String()[len(got):])
	}
	return got, err
}

// goldenData is a golden case's data, from the .json beside its .tpl (a
// fresh copy at each call); none without one.
func goldenData(path string) map[string]any {
	data := map[string]any{}
	if b, err := os.ReadFile(strings.TrimSuffix(path, ".tpl") + ".json"); err == nil {
		data, _ = braid.DecodeJSON(b)
	}
	return data
}

// TestGoldenSchedules renders every golden case concurrently under every
// adversarial schedule: over top-level pending values the output and the
// error must be the plain sequential render's; over values pending at
// every depth, the sequential render's over the same kind of data.
func TestGoldenSchedules(t *testing.T) {
	dir := filepath.Join("testdata", "render")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tpl"))
	seq := braid.New(braid.WithDir(dir), braid.WithSequential())
	conc := braid.New(braid.WithDir(dir), braid.WithConcurrency(4))
	renders := 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "debug") {
			continue // {% debug %} prints the data as it is: pending values print as such
		}
		t.Run(strings.TrimSuffix(name, ".tpl"), func(t *testing.T) {
			load := func() map[string]any { return goldenData(path) }
			want, wantErr := renderWith(seq, name, load())
			for _, deep := range []bool{false, true} {
				if deep {
					ref := schedtest.New("late", 0)
					want, wantErr = renderScheduled(t, seq, name, pendingData(load(), ref, true), ref)
				}
				for _, sch := range scheduleCases() {
					got, err := renderScheduled(t, conc, name, pendingData(load(), sch, deep), sch)
					renders++
					if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("schedule %s, deep %v:\n%q, %v\nwant\n%q, %v", sch, deep, got, err, want, wantErr)
					}
				}
			}
		})
	}
	t.Logf("%d golden cases, %d scheduled renders", len(files), renders)
}

// TestIncludedStateOrder checks an include whose template keeps state
// across the render ({% ifchanged %} on the loop's item, {% cycle %}),
// under an {% if %} on a pending value in a loop: the include is
// order-dependent, so the if waits in place and every schedule prints
// the sequential page. (The including template's compiler looks into the
// included template, through its own includes.)
func TestIncludedStateOrder(t *testing.T) {
	files := fstest.MapFS{
		"page.html":  {Data: []byte(`{% for i in list %}{% if i.show %}{% include "row.html" %}{% endif %}{% endfor %}|{% for i in list %}{% if i.show %}{% include "outer.html" %}{% endif %}{% endfor %}`)},
		"row.html":   {Data: []byte(`{% ifchanged i.g %}[{{ i.g }}]{% endifchanged %}`)},
		"outer.html": {Data: []byte(`<{% include "cell.html" %}>`)},
		"cell.html":  {Data: []byte(`{% cycle "a" "b" %}`)},
	}
	list := func(promise func(any) any) []any {
		var out []any
		for _, g := range []int{1, 1, 2, 2} {
			out = append(out, map[string]any{"g": g, "show": promise(true)})
		}
		return out
	}
	seq, _ := braid.New(braid.WithFS(files), braid.WithSequential()).Template("page.html")
	want, err := seq.RenderString(context.Background(), map[string]any{"list": list(func(v any) any { return v })})
	if err != nil || !strings.HasPrefix(want, "[1][2]|") {
		t.Fatalf("sequential: %q, %v", want, err)
	}
	tpl, err := braid.New(braid.WithFS(files)).Template("page.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, sch := range scheduleCases() {
		got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), map[string]any{"list": list(func(v any) any { return sch.Promise(v, nil) })})
		if err != nil || got != want {
			t.Errorf("schedule %s: %q, %v; want %q", sch, got, err, want)
		}
	}
}
