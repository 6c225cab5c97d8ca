package cache

import (
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/libraries/internal/libtest"
)

// renderWith compiles src with the library over store and renders it.
func renderWith(store Store, src string, data map[string]any) (string, error) {
	return libtest.Render(src, map[string]*compiler.Library{"cache": Library(store)}, data, nil, time.Time{})
}

// TestFragmentKey checks the key against Django's
// make_template_fragment_key("foo", ["abc"]).
func TestFragmentKey(t *testing.T) {
	if got, want := FragmentKey("foo", []string{"abc"}), "template.cache.foo.900150983cd24fb0d6963f7d28e17f72"; got != want {
		t.Errorf("FragmentKey = %q, want %q", got, want)
	}
}

// TestCacheTag checks {% cache %}: a fragment renders once per key until
// its timeout, with a clock the test moves.
func TestCacheTag(t *testing.T) {
	store := NewMemory(100)
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	store.now = func() time.Time { return now }
	src := `{% load cache %}{% cache 60 sidebar user %}[{{ n }}]{% endcache %}{% cache None forever %}({{ n }}){% endcache %}`
	render := func(user string, n int) string {
		out, err := renderWith(store, src, map[string]any{"user": user, "n": n})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, step := range []struct {
		advance time.Duration
		user    string
		n       int
		want    string
	}{
		{0, "ann", 1, "[1](1)"},
		{30 * time.Second, "ann", 2, "[1](1)"}, // both cached
		{0, "bob", 3, "[3](1)"},                // another vary_on value
		{31 * time.Second, "ann", 4, "[4](1)"}, // ann's expired; forever did not
	} {
		now = now.Add(step.advance)
		if got := render(step.user, step.n); got != step.want {
			t.Errorf("after %v, %s: %q, want %q", step.advance, step.user, got, step.want)
		}
	}
	for _, src := range []string{`{% cache 60 %}{% endcache %}`, `{% cache "x" a %}{% endcache %}`, `{% cache 1 a using="b" %}{% endcache %}`} {
		_, err := renderWith(store, "{% load cache %}"+src, nil)
		if err == nil || !strings.Contains(err.Error(), "{% cache %}") {
			t.Errorf("%s: err = %v", src, err)
		}
	}
}

// TestMemoryBound checks that the store keeps at most its size, dropping
// expired fragments first, then the oldest.
func TestMemoryBound(t *testing.T) {
	m := NewMemory(2)
	now := time.Unix(0, 0)
	m.now = func() time.Time { return now }
	m.Set("a", "A", 0)
	m.Set("b", "B", time.Second)
	now = now.Add(2 * time.Second) // b expired
	m.Set("c", "C", 0)
	if _, ok := m.Get("a"); !ok {
		t.Error("a was evicted before the expired b")
	}
	m.Set("d", "D", 0) // the oldest, a, goes
	if _, ok := m.Get("a"); ok {
		t.Error("a kept past the bound")
	}
	if v, ok := m.Get("d"); !ok || v != "D" || len(m.items) != 2 {
		t.Errorf("d = %q, %v; %d items", v, ok, len(m.items))
	}
}
