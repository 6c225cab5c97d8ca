package braid_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/internal/htmlpatch"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
	"go.uber.org/goleak"
)

// TestGoldenOutOfOrder renders every golden case out of order under every
// schedule, over pending data at the top level and at every depth: with
// its templates applied, the page is the sequential render's, byte for
// byte; a failing render fails with the sequential render's error.
func TestGoldenOutOfOrder(t *testing.T) {
	dir := filepath.Join("testdata", "render")
	files, _ := filepath.Glob(filepath.Join(dir, "*.tpl"))
	seq := braid.New(braid.WithDir(dir), braid.WithSequential())
	ooo := braid.New(braid.WithDir(dir), braid.WithConcurrency(4), braid.WithOutOfOrder(true))
	renders, patched := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "debug") {
			continue // {% debug %} prints the data as it is: pending values print as such
		}
		t.Run(strings.TrimSuffix(name, ".tpl"), func(t *testing.T) {
			load := func() map[string]any { return goldenData(path) }
			for _, deep := range []bool{false, true} {
				ref := schedtest.New("late", 0)
				want, wantErr := renderScheduled(t, seq, name, pendingData(load(), ref, deep), ref)
				for _, sch := range scheduleCases() {
					got, err := renderScheduled(t, ooo, name, pendingData(load(), sch, deep), sch)
					renders++
					if fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("schedule %s, deep %v: error %v, want %v", sch, deep, err, wantErr)
						continue
					}
					if wantErr != nil {
						continue // out of order, what follows a failed region may be written
					}
					if strings.Contains(got, "<template for=") {
						patched++
					}
					page, err := htmlpatch.Apply(got)
					if err != nil || page != want {
						t.Errorf("schedule %s, deep %v: %v\n%q\npatched\n%q\nwant\n%q", sch, deep, err, got, page, want)
					}
				}
			}
		})
	}
	if patched == 0 {
		t.Error("no render sent a region out of order")
	}
	t.Logf("%d renders out of order, %d of them with regions sent out of order", renders, patched)
}

// TestOutOfOrderContexts checks where a waiting node may leave a marker:
// in element content, not inside a tag, an attribute, raw text or table
// structure, where it waits in order. Under the "late" schedule every
// pending value is pending at its first look.
func TestOutOfOrderContexts(t *testing.T) {
	eng := braid.New(braid.WithOutOfOrder(true))
	for _, tt := range []struct {
		src     string
		markers int
	}{
		{`<p>{{ v }}</p>`, 1},
		{`<p title="{{ v }}">x</p>`, 0},
		{`<p title='{{ v }}' class={{ v }}>x</p>`, 0},
		{`<script>var a = "{{ v }}";</script><p>{{ v }}</p>`, 1},
		{`<p></p><SCRIPT>var a = "</scr" + "{{ v }}";</SCRIPT >{{ v }}`, 1},
		{`<style>p{color:{{ v }}}</style>`, 0},
		{`<title>{{ v }}</title><textarea>{{ v }}</textarea>`, 0},
		{`<p></p><!-- {{ v }} -->{{ v }}`, 1},
		// Before the document's body, and after it, the parser would put a
		// marker outside the body: in order there.
		{`<!doctype html><html><head>{{ v }}<title>t</title></head><body>{{ v }}</body></html>{{ v }}`, 1},
		{`{{ v }} text`, 0},
		{`<table>{{ v }}<tr><td>{{ v }}</td></tr></table>`, 1},
		{`<table><tr><td><table><tr>{{ v }}</tr></table>{{ v }}</td></tr></table>`, 1},
		{`<select>{{ v }}</select><ul>{% for i in l %}<li>{{ v }}</li>{% endfor %}</ul>`, 2},
		{`<a href="/x">{{ v }}</a><img src="{{ v }}">`, 1},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		sch := schedtest.New("late", 0)
		data := map[string]any{"v": sch.Promise("x", nil), "l": []int{1, 2}}
		got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), data)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		if n := strings.Count(got, "<?marker"); n != tt.markers {
			t.Errorf("%s: %d markers, want %d:\n%s", tt.src, n, tt.markers, got)
		}
		seq, _ := braid.New(braid.WithSequential()).FromString(tt.src)
		want, _ := seq.RenderString(context.Background(), map[string]any{"v": "x", "l": []int{1, 2}})
		if page, err := htmlpatch.Apply(got); err != nil || page != want {
			t.Errorf("%s: patched %q, %v; want %q", tt.src, page, err, want)
		}
	}
}

// TestRegionTag checks {% region %}: out of order, a region that waits
// shows its placeholder and is sent once all of it is ready, as one
// template; in order, and when nothing in it waits, it is its body.
func TestRegionTag(t *testing.T) {
	src := `<main>{% region %}<h2>{{ title }}</h2><p>{{ body }}</p>{% placeholder %}<p class="skeleton">Loading…</p>{% endregion %}<footer>{{ foot }}</footer></main>`
	ooo := braid.New(braid.WithOutOfOrder(true))
	tpl, err := ooo.FromString(src)
	if err != nil {
		t.Fatal(err)
	}
	sch := schedtest.New("late", 0)
	data := map[string]any{"title": sch.Promise("T", nil), "body": sch.Promise("B", nil), "foot": "F"}
	got, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), data)
	if err != nil {
		t.Fatal(err)
	}
	want := `<main><?start name="b1"><p class="skeleton">Loading…</p><?end><footer>F</footer></main><template for="b1"><h2>T</h2><p>B</p></template>`
	if !strings.HasPrefix(got, want) || strings.Count(got, "<template") != 1 {
		t.Errorf("out of order:\n%s\nwant it to begin\n%s", got, want)
	}
	page, err := htmlpatch.Apply(got)
	if want := `<main><h2>T</h2><p>B</p><footer>F</footer></main>`; err != nil || page != want {
		t.Errorf("patched %q, %v; want %q", page, err, want)
	}
	// Nothing waits: the body in place, no placeholder.
	got, _ = tpl.RenderString(context.Background(), map[string]any{"title": "T", "body": "B", "foot": "F"})
	if want := `<main><h2>T</h2><p>B</p><footer>F</footer></main>`; got != want {
		t.Errorf("nothing pending: %q", got)
	}
	// In order: the placeholder is never used.
	inorder, _ := braid.New().FromString(src)
	sch = schedtest.New("late", 0)
	got, _ = inorder.RenderString(brender.WithSchedule(context.Background(), sch), map[string]any{"title": sch.Promise("T", nil), "body": sch.Promise("B", nil), "foot": "F"})
	if want := `<main><h2>T</h2><p>B</p><footer>F</footer></main>`; got != want {
		t.Errorf("in order: %q", got)
	}
	for _, bad := range []string{`{% region x %}{% endregion %}`, `{% region %}{% placeholder 1 %}{% endregion %}`, `{% region %}{% placeholder %}{% placeholder %}{% endregion %}`} {
		if _, err := ooo.FromString(bad); err == nil {
			t.Errorf("%s compiled", bad)
		}
	}
}

// TestStreamingOptions checks the per-render choice and the options of
// the out-of-order form: in order on an out-of-order engine, Native (no
// script), the CSP nonce, a marker prefix; and that the script's function
// is sent once.
func TestStreamingOptions(t *testing.T) {
	defer goleak.VerifyNone(t)
	src := `<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>`
	tpl, _ := braid.New(braid.WithOutOfOrder(true)).FromString(src)
	render := func(ctx context.Context) string {
		sch := schedtest.New("late", 0)
		got, err := tpl.RenderString(brender.WithSchedule(ctx, sch), map[string]any{"items": []any{sch.Promise(1, nil), sch.Promise(2, nil)}})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := render(braid.WithStreaming(context.Background(), braid.Streaming{})); got != `<ul><li>1</li><li>2</li></ul>` {
		t.Errorf("in order for this render: %q", got)
	}
	got := render(context.Background())
	if strings.Count(got, "function $braid") != 1 || strings.Count(got, `$braid("b`) != 2 {
		t.Errorf("default: %q", got)
	}
	got = render(braid.WithStreaming(context.Background(), braid.Streaming{OutOfOrder: true, Native: true, Prefix: "w-"}))
	if strings.Contains(got, "<script") || !strings.Contains(got, `<?marker name="w-1">`) || !strings.Contains(got, `<template for="w-2">`) {
		t.Errorf("native, prefix: %q", got)
	}
	got = render(braid.WithStreaming(context.Background(), braid.Streaming{OutOfOrder: true, Nonce: `r4nd"0m`, Prefix: "<bad>"}))
	if strings.Count(got, `<script nonce="r4nd&quot;0m">`) != 2 || !strings.Contains(got, `<?marker name="b1">`) {
		t.Errorf("nonce, a prefix that is not a name: %q", got)
	}
	// A real concurrent render (goroutines), for the leak check.
	slow := func(ctx context.Context) (int, error) { return 3, nil }
	out, err := tpl.RenderString(context.Background(), map[string]any{"items": []any{slow, slow}})
	if page, perr := htmlpatch.Apply(out); err != nil || perr != nil || page != `<ul><li>3</li><li>3</li></ul>` {
		t.Errorf("goroutines: %q, %v, %v", out, err, perr)
	}
}
