package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// dom runs page through jsdom (jsdom/dom.js), which has no <template for>:
// the page's scripts run, braid's fallback among them, and the final DOM
// of its body comes back.
func dom(t *testing.T, page string) string {
	t.Helper()
	cmd := exec.Command("node", "dom.js")
	cmd.Dir = "jsdom"
	cmd.Stdin = strings.NewReader(page)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("jsdom: %v\n%s\npage:\n%s", err, errb.String(), page)
	}
	return out.String()
}

func needJSDOM(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node (.ci/run installs Node.js's jsdom)")
	}
	if _, err := os.Stat(filepath.Join("jsdom", "node_modules", "jsdom")); err != nil {
		t.Skip("no jsdom: run npm ci in e2e/jsdom (.ci/run does)")
	}
}

// pending makes every value of data, at every depth, a future that the
// schedule resolves: under "late", each is pending when first looked at.
func pending(v any, sch *schedtest.Schedule) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out[k] = sch.Promise(pending(v[k], sch), nil)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = pending(x, sch)
		}
		return out
	}
	return v
}

// pages are HTML pages with regions in every kind of place.
var pages = map[string]string{
	"list":     `<!doctype html><html><body><ul>{% for x in items %}<li>{{ x }}</li>{% endfor %}</ul><p>{{ title }}</p></body></html>`,
	"nested":   `<!doctype html><html><body>{% for x in items %}<div>{{ x }}{% for y in items %}<span>{{ y }}</span>{% endfor %}</div>{% endfor %}</body></html>`,
	"region":   `<!doctype html><html><body><main>{% region %}<h1>{{ title }}</h1>{% for x in items %}<p>{{ x }}</p>{% endfor %}{% placeholder %}<p>Loading…</p>{% endregion %}<footer>{{ title }}</footer></main></body></html>`,
	"contexts": `<!doctype html><html><head><title>{{ title }}</title></head><body><a href="/{{ title }}" title="{{ title }}">{{ title }}</a><table><tr><td>{{ title }}</td></tr></table><script>var t = "{{ title }}";</script><textarea>{{ title }}</textarea>{{ title }} text {{ title }}</body></html>`,
	"text":     `a {{ title }} b {{ title }}<b>c</b>{{ title }}`,
}

var pageData = map[string]any{"title": "T&T", "items": []any{"one", "<two>", "three"}}

// TestFallbackScript renders pages, and every golden case of the root
// package, out of order under schedules that make every value pending, and
// runs them in jsdom, a DOM without <template for>, so that braid's
// fallback script does the patching: the final DOM is the one of the page
// rendered in order.
func TestFallbackScript(t *testing.T) {
	needJSDOM(t)
	cases := map[string]func() (*braid.Template, *braid.Template, map[string]any){}
	ooo := braid.New(braid.WithOutOfOrder(true), braid.WithConcurrency(4))
	seq := braid.New(braid.WithSequential())
	for name, src := range pages {
		cases[name] = func() (*braid.Template, *braid.Template, map[string]any) {
			a, err := ooo.FromString(src)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := seq.FromString(src)
			return a, b, pageData
		}
	}
	dir := filepath.Join("..", "testdata", "render")
	golden, _ := filepath.Glob(filepath.Join(dir, "*.tpl"))
	gooo := braid.New(braid.WithDir(dir), braid.WithOutOfOrder(true), braid.WithConcurrency(4))
	gseq := braid.New(braid.WithDir(dir), braid.WithSequential())
	for _, path := range golden {
		name := filepath.Base(path)
		if strings.HasPrefix(name, "debug") {
			continue // prints pending values as such
		}
		cases["golden/"+name] = func() (*braid.Template, *braid.Template, map[string]any) {
			a, errA := gooo.Template(name)
			b, errB := gseq.Template(name)
			if errA != nil || errB != nil {
				return nil, nil, nil
			}
			data := map[string]any{}
			if raw, err := os.ReadFile(strings.TrimSuffix(path, ".tpl") + ".json"); err == nil {
				data, _ = braid.DecodeJSON(raw)
			}
			return a, b, data
		}
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	slices.Sort(names)
	patched := 0
	for _, name := range names {
		a, b, data := cases[name]()
		if a == nil {
			continue
		}
		// The reference: in order, over the same pending data (a value
		// nested in a printed dict prints as pending in either mode).
		ref := schedtest.New("late", 0)
		want, err := b.RenderString(render.WithSchedule(context.Background(), ref), pending(data, ref).(map[string]any))
		if err != nil {
			continue // error cases: out of order, more of the page may be written
		}
		for _, policy := range []string{"late", "random"} {
			sch := schedtest.New(policy, 7)
			got, err := a.RenderString(render.WithSchedule(context.Background(), sch), pending(data, sch).(map[string]any))
			if err != nil {
				t.Errorf("%s, %s: %v", name, policy, err)
				continue
			}
			if !strings.Contains(got, "<template for=") {
				continue // nothing waited in element content
			}
			patched++
			if g, w := dom(t, got), dom(t, want); g != w {
				t.Errorf("%s, %s: the DOMs differ\nout of order:\n%s\nin order:\n%s\npage:\n%s", name, policy, g, w, got)
			}
		}
	}
	if patched < len(pages) {
		t.Errorf("only %d renders had regions sent out of order", patched)
	}
	t.Logf("%d out-of-order pages patched by the fallback script in jsdom", patched)
}
