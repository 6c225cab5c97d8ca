package filters

import (
	"strings"
	"testing"

	"github.com/braidtpl/braid/render"
)

// node is a struct that can reach itself through a pointer.
type node struct {
	Name string
	Next *node
}

// secret holds fields a template must never see.
type secret struct {
	Name  string
	pass  string
	score int
}

func cyclicList() []any {
	l := []any{nil}
	l[0] = l
	return l
}

// selfFollowing is a list whose item "a" is followed by the list itself,
// which unordered_list writes as that item's sublist.
func selfFollowing() []any {
	l := []any{"a", nil}
	l[1] = l
	return l
}

func cyclicMap() map[string]any {
	m := map[string]any{}
	m["a"] = m
	return m
}

func cyclicNode() *node {
	n := &node{Name: "n"}
	n.Next = n
	return n
}

// tree has a back reference that encoding/json skips.
type tree struct {
	Name   string
	Parent *tree `json:"-"`
	Kids   []*tree
}

// dag is a struct whose two fields may share one child.
type dag struct{ L, R *dag }

// TestFiltersOnCyclicValues runs every filter that walks into values on a
// list, a dict and a struct that contain themselves (through a slice, a
// map, a pointer): each prints Python's markers, "[...]" for a list,
// "{...}" for a dict, or fails as Django does, instead of recursing until
// the stack overflows.
func TestFiltersOnCyclicValues(t *testing.T) {
	tests := []struct {
		filter string
		in     any
		arg    any
		want   string // or, with a leading "error: ", a part of the error
	}{
		{"pprint", cyclicList(), nil, "[[...]]"},
		{"pprint", cyclicMap(), nil, "{'a': {...}}"},
		{"pprint", cyclicNode(), nil, "{n {...}}"},
		{"pprint", []any{cyclicList(), strings.Repeat("x", 80)}, nil, "[[[...]],\n 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']"},
		{"stringformat", cyclicList(), "s", "[[...]]"},
		{"stringformat", cyclicMap(), "s", "{'a': {...}}"},
		{"stringformat", cyclicNode(), "s", "{n {...}}"},
		{"stringformat", cyclicList(), "r", "[[...]]"},
		{"stringformat", cyclicMap(), "r", "{'a': {...}}"},
		{"stringformat", cyclicNode(), "r", "{n {...}}"},
		{"join", cyclicList(), ",", "[[...]]"}, // with autoescape on, see below
		{"join", []any{cyclicMap(), cyclicNode()}, ",", "{&#x27;a&#x27;: {...}},{n {...}}"},
		{"unordered_list", selfFollowing(), nil, "error: contains itself"},
		{"unordered_list", []any{cyclicList(), []any{cyclicMap(), cyclicNode()}}, nil, "\t<li>[[...]]\n\t<ul>\n\t\t<li>{'a': {...}}</li>\n\t\t<li>{n {...}}</li>\n\t</ul>\n\t</li>"},
		{"json_script", cyclicList(), nil, "error: Circular reference detected"},
		{"json_script", cyclicMap(), nil, "error: Circular reference detected"},
		{"json_script", cyclicNode(), nil, "error: Circular reference detected"},
		{"json_script", []any{&node{Name: "a"}, &node{Name: "a"}}, nil, `<script type="application/json">[{"Name": "a", "Next": null}, {"Name": "a", "Next": null}]</script>`},
		{"json_script", func() any { r := &tree{Name: "r"}; r.Kids = []*tree{{Name: "k", Parent: r}}; return r }(), nil, `<script type="application/json">{"Kids": [{"Kids": null, "Name": "k"}], "Name": "r"}</script>`},
		{"length", cyclicList(), nil, "1"},
		{"length", cyclicMap(), nil, "1"},
		{"length_is", cyclicList(), 1, "True"},
		{"dictsort", []any{cyclicNode(), &node{Name: "m"}}, "Name", "[{m <nil>}, {n {...}}]"},
		{"dictsort", []any{cyclicMap(), cyclicMap()}, "a", ""}, // dicts do not order: Django gives ""
		{"escapeseq", []any{cyclicList()}, nil, "['[[...]]']"},
		{"make_list", cyclicNode(), nil, "['{', 'n', ' ', '{', '.', '.', '.', '}', '}']"},
		{"default", cyclicMap(), "x", "{'a': {...}}"},
	}
	for _, tt := range tests {
		arg := tt.arg
		if arg == nil {
			arg = render.NoArg{}
		}
		ae := tt.filter == "join" // without autoescape, join of non-strings gives its input
		out, err := applyFilter(t, tt.filter, ae, tt.in, arg)
		if want, isErr := strings.CutPrefix(tt.want, "error: "); isErr {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q, %v; want an error with %q", tt.filter, printed(out, ae), err, want)
			}
			continue
		}
		if err != nil || printed(out, ae) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.filter, printed(out, ae), err, tt.want)
		}
	}
}

// TestFiltersDeepValues checks that acyclic data nested far deeper than
// any walk goes stops at render.MaxNesting: a marker, or an error.
func TestFiltersDeepValues(t *testing.T) {
	var deepList, deepSublists any = "leaf", []any{"leaf"}
	for range 20000 {
		deepList = []any{deepList}
		deepSublists = []any{"item", deepSublists}
	}
	var chain *node
	for range 20000 {
		chain = &node{Name: "n", Next: chain}
	}
	shared := &dag{} // 2^60 paths through 60 structs
	for range 60 {
		shared = &dag{shared, shared}
	}
	for _, tt := range []struct {
		filter  string
		in, arg any
		want    string // a part of the output, or of the error
	}{
		{"pprint", deepList, nil, "[...]"},
		{"pprint", chain, nil, "{...}"},
		{"stringformat", deepList, "s", "[...]"},
		{"stringformat", chain, "r", "{...}"},
		{"unordered_list", deepSublists, nil, "RecursionError"},
		{"json_script", deepList, nil, "maximum recursion depth"},
		{"json_script", chain, nil, "maximum recursion depth"},
		{"json_script", shared, nil, "maximum recursion depth"},
		{"pprint", shared, nil, "{{{{"},
	} {
		arg := tt.arg
		if arg == nil {
			arg = render.NoArg{}
		}
		out, err := applyFilter(t, tt.filter, false, tt.in, arg)
		got := printed(out, false)
		if err != nil {
			got = pyErrorType(err) + ": " + err.Error()
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: %.100q, want %q in it", tt.filter, got, tt.want)
		}
	}
}

// pyErrorType is the Python exception type of a filter's error, if any.
func pyErrorType(err error) string {
	for _, typ := range []string{"RecursionError", "ValueError", "TypeError"} {
		if isPyError(err, typ) {
			return typ
		}
	}
	return ""
}

// TestFiltersHideUnexported checks that no filter that prints a struct
// shows its unexported fields, as {{ obj.field }} cannot reach them.
func TestFiltersHideUnexported(t *testing.T) {
	s := secret{Name: "alice", pass: "mallory", score: -900}
	tests := []struct {
		filter string
		in     any
		arg    any
		want   string
	}{
		{"pprint", s, nil, "{alice}"},
		{"pprint", []any{&s}, nil, "[{alice}]"},
		{"stringformat", s, "s", "{alice}"},
		{"stringformat", &s, "r", "{alice}"},
		{"stringformat", map[string]any{"s": s}, "s", "{'s': {alice}}"},
		{"join", []any{s, &s}, " ", "[{alice}, {alice}]"}, // autoescape off: its input
		{"unordered_list", []any{s}, nil, "\t<li>{alice}</li>"},
		{"json_script", s, nil, `<script type="application/json">{"Name": "alice"}</script>`},
		{"make_list", s, nil, "['{', 'a', 'l', 'i', 'c', 'e', '}']"},
		{"escapeseq", []any{s}, nil, "['{alice}']"},
		{"default", s, "x", "{alice}"},
		{"ljust", s, 8, "{alice} "},
	}
	for _, tt := range tests {
		arg := tt.arg
		if arg == nil {
			arg = render.NoArg{}
		}
		out, err := applyFilter(t, tt.filter, false, tt.in, arg)
		got := printed(out, false)
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.filter, got, err, tt.want)
		}
		if strings.Contains(got, "mallory") || strings.Contains(got, "900") {
			t.Errorf("%s: %q shows an unexported field", tt.filter, got)
		}
	}
}

// TestPrintingBounded: data that holds one long string many times prints
// no more than 16 MiB of it (then "..."), through every printer: Python's
// str() (render.String, so {{ }}, join, stringformat), pprint, and
// pprint's line per word for a string deep in a list.
func TestPrintingBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("prints 16 MiB three times")
	}
	long := strings.Repeat("word ", 1000) // 5 KB
	many := make([]any, 10000)            // 50 MB if printed whole
	for i := range many {
		many[i] = long
	}
	var deep any = long
	for range 500 {
		deep = []any{deep, long}
	}
	for _, tt := range []struct {
		filter  string
		in, arg any
	}{
		{"stringformat", many, "s"},
		{"pprint", many, nil},
		{"pprint", deep, nil},
	} {
		arg := tt.arg
		if arg == nil {
			arg = render.NoArg{}
		}
		out, err := applyFilter(t, tt.filter, false, tt.in, arg)
		got := printed(out, false)
		if err != nil || len(got) > 17<<20 || !strings.Contains(got, "...") {
			t.Errorf("%s: %d bytes, %v; want at most 17 MiB, cut with ...", tt.filter, len(got), err)
		}
	}
}
