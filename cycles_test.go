package braid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
)

// cycNode reaches itself through a pointer.
type cycNode struct {
	Name string
	Next *cycNode
}

// cycSecret has fields a template must not see: {{ s.pass }} is refused,
// so printing s must not show them either.
type cycSecret struct {
	Name  string
	pass  string
	score int
}

// cyclicData is a list, a dict and a struct that contain themselves
// (through a slice, a map, a pointer), twice over so that two distinct
// ones can be compared, and a struct with unexported fields.
func cyclicData() map[string]any {
	list := func() []any { l := []any{nil}; l[0] = l; return l }
	dict := func() map[string]any { m := map[string]any{}; m["a"] = m; return m }
	node := func() *cycNode { n := &cycNode{Name: "n"}; n.Next = n; return n }
	l, m, n := list(), dict(), node()
	sec := cycSecret{Name: "alice", pass: "mallory", score: -900}
	return map[string]any{
		"l": l, "l2": list(), "m": m, "m2": dict(), "n": n, "n2": node(),
		"ls": []any{l, l, l}, "items": []any{map[string]any{"k": l, "v": 1}, map[string]any{"k": l, "v": 2}},
		"sec": sec, "psec": &sec, "secs": []any{sec}, "secmap": map[string]any{"s": &sec},
	}
}

// TestTemplatesOnCyclicData renders, sequentially and concurrently, every
// tag and output that walks into values over data that contains itself:
// {{ }} and the filters print Python's markers, comparisons (==, in,
// ifchanged, regroup) finish, and nothing overflows the stack.
func TestTemplatesOnCyclicData(t *testing.T) {
	routes := braid.NewRoutes()
	if err := routes.Add("r", "/r/{x}/"); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{`{{ l }}`, `[[...]]`},
		{`{{ m }}`, `{&#x27;a&#x27;: {...}}`},
		{`{{ n }}`, `{n {...}}`},
		{`{% autoescape off %}{{ ls }} {{ l|pprint }} {{ m|pprint }} {{ n|pprint }}{% endautoescape %}`, `[[[...]], [[...]], [[...]]] [[...]] {'a': {...}} {n {...}}`},
		{`{% autoescape off %}{{ l|stringformat:"s" }} {{ m|stringformat:"r" }} {{ n|stringformat:"s" }}{% endautoescape %}`, `[[...]] {'a': {...}} {n {...}}`},
		{`{{ ls|join:"," }} {{ ls|length }}`, `[[...]],[[...]],[[...]] 3`},
		{`{{ l|json_script }}`, `error: Circular reference detected`},
		{`{% if l == l %}a{% endif %}{% if l == l2 %}b{% endif %}{% if l != l2 %}c{% endif %}`, `ac`},
		{`{% if m == m %}a{% endif %}{% if m == m2 %}b{% endif %}{% if n == n %}c{% endif %}{% if n == n2 %}d{% endif %}`, `ac`},
		{`{% if l in ls %}a{% endif %}{% if l2 in ls %}b{% endif %}{% if "a" in m %}c{% endif %}`, `ac`},
		{`{% for x in ls %}{% ifchanged x %}[{{ forloop.counter }}]{% endifchanged %}{% endfor %}`, `[1]`},
		{`{% for x in "abc" %}{% ifchanged n m %}[{{ x }}]{% endifchanged %}{% endfor %}`, `[a]`},
		{`{% regroup items by k as g %}{% for x in g %}{{ x.list|length }}{% endfor %}`, `2`},
		{`{% for x in "ab" %}{% cycle l m %} {% endfor %}`, `[[...]] {&#x27;a&#x27;: {...}} `},
		{`{% firstof l %}`, `[[...]]`},
		{`{% url "r" l %}`, `/r/%5B%5B...%5D%5D/`},
		{`{% with x=l %}{% debug %}{% endwith %}`, "contains: {&#x27;x&#x27;: [[...]]}\n"},
	}
	for _, mode := range []struct {
		name string
		opts []braid.Option
	}{{"sequential", []braid.Option{braid.WithSequential()}}, {"concurrent", nil}} {
		eng := braid.New(append(mode.opts, braid.WithURLResolver(routes.Resolve), braid.WithDebugTag(true))...)
		for _, tt := range tests {
			tpl, err := eng.FromString(tt.src)
			if err != nil {
				t.Fatalf("%s: %v", tt.src, err)
			}
			got, err := tpl.RenderString(context.Background(), cyclicData())
			switch want, kind := cut(tt.want); kind {
			case "error":
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s %s: %q, %v; want an error with %q", mode.name, tt.src, got, err, want)
				}
			case "contains":
				if err != nil || !strings.Contains(got, want) {
					t.Errorf("%s %s: %q, %v; want %q in it", mode.name, tt.src, got, err, want)
				}
			default:
				if err != nil || got != want {
					t.Errorf("%s %s: %q, %v; want %q", mode.name, tt.src, got, err, want)
				}
			}
		}
	}
}

// cut splits "error: x" and "contains: x" into x and the kind.
func cut(want string) (string, string) {
	for _, kind := range []string{"error", "contains"} {
		if rest, ok := strings.CutPrefix(want, kind+": "); ok {
			return rest, kind
		}
	}
	return want, ""
}

// TestTemplatesHideUnexported prints a struct with unexported fields
// through every path that prints values: none shows them, as
// {{ sec.pass }} does not.
func TestTemplatesHideUnexported(t *testing.T) {
	routes := braid.NewRoutes()
	if err := routes.Add("r", "/r/{x}/"); err != nil {
		t.Fatal(err)
	}
	eng := braid.New(braid.WithURLResolver(routes.Resolve), braid.WithAutoescape(false), braid.WithDebugTag(true))
	for src, want := range map[string]string{
		`{{ sec }} {{ psec }} {{ secs }} {{ secmap }}`:                                `{alice} {alice} [{alice}] {'s': {alice}}`,
		`{{ sec|stringformat:"s" }} {{ psec|stringformat:"r" }}`:                      `{alice} {alice}`,
		`{{ sec|pprint }} {{ secs|pprint }}`:                                          `{alice} [{alice}]`,
		`{{ secs|unordered_list }}`:                                                   "\t<li>{alice}</li>",
		`{{ sec|json_script }}`:                                                       `<script type="application/json">{"Name": "alice"}</script>`,
		`[{{ sec.pass }}{{ sec.score }}]`:                                             `[]`,
		`{% url "r" sec %}`:                                                           `/r/%7Balice%7D/`,
		`{% firstof sec %} {% cycle psec sec %} {% with s=sec %}{{ s }}{% endwith %}`: `{alice} {alice} {alice}`,
		`{% debug %}`: `'sec': {alice}`,
	} {
		tpl, err := eng.FromString(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		got, err := tpl.RenderString(context.Background(), cyclicData())
		if err != nil || !strings.Contains(got, want) {
			t.Errorf("%s: %q, %v; want %q", src, got, err, want)
		}
		if strings.Contains(got, "mallory") || strings.Contains(got, "900") {
			t.Errorf("%s: %q shows an unexported field", src, got)
		}
	}
}
