package filters

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid/render"
)

// applyFilter runs the named filter through Apply (the engine's path).
func applyFilter(t *testing.T, name string, autoescape bool, in, arg any) (any, error) {
	t.Helper()
	f := Builtins()[name]
	if f == nil {
		t.Fatalf("no filter %q", name)
	}
	return f.Apply(newState(autoescape), in, arg)
}

// Django's test_escapeseq.py and test_safeseq.py, through join as the
// documentation shows them: {{ list|escapeseq|join:", " }}.
func TestEscapeseqSafeseq(t *testing.T) {
	tests := []struct {
		filter     string
		in         any
		autoescape bool
		want       string
	}{
		{"escapeseq", []any{"x&y", "<p>"}, true, "x&amp;y, &lt;p&gt;"},
		{"escapeseq", []any{"x&y", "<p>"}, false, "x&amp;y, &lt;p&gt;"},
		{"escapeseq", []any{render.SafeString("x&y"), "<p>"}, true, "x&y, &lt;p&gt;"},
		{"escapeseq", []string{"a", "b"}, true, "a, b"},
		{"escapeseq", "ab", true, "a, b"},
		{"escapeseq", []any{1, nil}, true, "1, None"},
		{"safeseq", []any{"&", "<"}, true, "&, <"},
		{"safeseq", []any{"&", "<"}, false, "&, <"},
		{"safeseq", []any{1, 2.5}, true, "1, 2.5"},
	}
	join := Builtins()["join"]
	for _, tt := range tests {
		out, err := applyFilter(t, tt.filter, tt.autoescape, tt.in, render.NoArg{})
		if err != nil {
			t.Fatalf("%s(%v): %v", tt.filter, tt.in, err)
		}
		joined, err := join.Apply(newState(tt.autoescape), out, render.SafeString(", "))
		if err != nil {
			t.Fatal(err)
		}
		if got := printed(joined, tt.autoescape); got != tt.want {
			t.Errorf("%s(%#v)|join autoescape=%v = %q, want %q", tt.filter, tt.in, tt.autoescape, got, tt.want)
		}
	}
	for _, bad := range []any{nil, 5, 1.5, struct{}{}} {
		if _, err := applyFilter(t, "escapeseq", true, bad, render.NoArg{}); err == nil {
			t.Errorf("escapeseq(%#v): no error; Django raises TypeError", bad)
		}
		if _, err := applyFilter(t, "safeseq", true, bad, render.NoArg{}); err == nil {
			t.Errorf("safeseq(%#v): no error; Django raises TypeError", bad)
		}
	}
}

type person struct {
	Name string
	Age  int
	Pet  *pet
}

type pet struct{ Kind string }

// Django's test_dictsort.py: sorting by attributes and by dotted paths.
func TestDictsortGoValues(t *testing.T) {
	people := []person{{"b", 30, &pet{"dog"}}, {"a", 40, &pet{"cat"}}, {"c", 20, &pet{"ant"}}}
	names := func(v any) string {
		var out []string
		for _, p := range v.([]any) {
			switch p := p.(type) {
			case person:
				out = append(out, p.Name)
			case *person:
				out = append(out, p.Name)
			default:
				out = append(out, fmt.Sprint(p))
			}
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		filter, arg, want string
	}{
		{"dictsort", "Age", "c,b,a"},
		{"dictsort", "Name", "a,b,c"},
		{"dictsort", "Pet.Kind", "c,a,b"},
		{"dictsortreversed", "Age", "a,b,c"},
	} {
		out, err := applyFilter(t, tt.filter, true, people, tt.arg)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(out); got != tt.want {
			t.Errorf("%s:%q = %s, want %s", tt.filter, tt.arg, got, tt.want)
		}
	}
	// A missing attribute is Django's AttributeError, caught: "".
	if out, err := applyFilter(t, "dictsort", true, people, "Missing"); err != nil || out != "" {
		t.Errorf("dictsort:Missing = %#v, %v; want \"\"", out, err)
	}
	// A missing key of a numeric argument is KeyError, not caught.
	if _, err := applyFilter(t, "dictsort", true, []any{map[string]any{"a": 1}}, 1); err == nil {
		t.Error("dictsort:1 on dicts without key 1: no error")
	}
}

// Bounded work: slice with huge or odd numbers.
func TestSliceBounds(t *testing.T) {
	long := strings.Repeat("x", 1000)
	for _, tt := range []struct {
		in   any
		arg  string
		want string
	}{
		{long, "::9223372036854775807", "x"},
		{long, "::-9223372036854775808", "x"},
		{long, "-9223372036854775808:9223372036854775807", long},
		{long, "99999999999999999999999999:", ""},
		{[]int{1, 2, 3}, "::-1", "[3, 2, 1]"},
		{[]string{"a", "b", "c", "d"}, "1::2", "['b', 'd']"},
		{[3]int{1, 2, 3}, "1:", "[2, 3]"},
		{"héllo", "1:3", "él"},
	} {
		out, err := applyFilter(t, "slice", false, tt.in, tt.arg)
		if err != nil {
			t.Fatal(err)
		}
		if got := printed(out, false); got != tt.want {
			t.Errorf("slice(%.20v, %q) = %.40q, want %.40q", tt.in, tt.arg, got, tt.want)
		}
	}
}

// unordered_list on nesting too deep for Python's recursion limit, and on
// a list that contains itself.
func TestUnorderedListBounds(t *testing.T) {
	var deep any = []any{"leaf"}
	for range 2000 {
		deep = []any{"x", deep}
	}
	if _, err := applyFilter(t, "unordered_list", true, deep, render.NoArg{}); err == nil {
		t.Error("2000 levels: no error")
	}
	self := []any{"a", nil}
	self[1] = self
	if _, err := applyFilter(t, "unordered_list", true, self, render.NoArg{}); err == nil {
		t.Error("self-containing list: no error")
	}
	out, err := applyFilter(t, "unordered_list", false, []string{"<a>", "b"}, render.NoArg{})
	if err != nil || out != render.SafeString("\t<li><a></li>\n\t<li>b</li>") {
		t.Errorf("autoescape off: %q, %v", out, err)
	}
}

func TestRandom(t *testing.T) {
	items := []any{"a", "b", "c"}
	seen := map[any]bool{}
	for range 200 {
		out, err := applyFilter(t, "random", true, items, render.NoArg{})
		if err != nil {
			t.Fatal(err)
		}
		seen[out] = true
	}
	if len(seen) != 3 {
		t.Errorf("random picked %v from %v", seen, items)
	}
	if out, _ := applyFilter(t, "random", true, []any{}, render.NoArg{}); out != "" {
		t.Errorf("random([]) = %#v, want \"\"", out)
	}
	if out, _ := applyFilter(t, "random", true, "é", render.NoArg{}); out != "é" {
		t.Errorf("random(\"é\") = %#v", out)
	}
	if out, _ := applyFilter(t, "random", true, render.SafeString("<"), render.NoArg{}); out != render.SafeString("<") {
		t.Errorf("random(safe) = %#v, want a safe string (is_safe)", out)
	}
	for _, bad := range []any{nil, 5, map[string]any{"a": 1}} {
		if _, err := applyFilter(t, "random", true, bad, render.NoArg{}); err == nil {
			t.Errorf("random(%#v): no error", bad)
		}
	}
}

func TestLengthIsGoValues(t *testing.T) {
	for _, tt := range []struct {
		in, arg, want any
	}{
		{[]int{1, 2}, 2, true},
		{map[string]int{"a": 1}, "1", true},
		{"ab", 3, false},
		{5, 1, ""},
		{"ab", nil, ""},
	} {
		out, err := applyFilter(t, "length_is", true, tt.in, tt.arg)
		if err != nil || out != tt.want {
			t.Errorf("length_is(%#v, %#v) = %#v, %v; want %#v", tt.in, tt.arg, out, err, tt.want)
		}
	}
}

func TestPFormatGoValues(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want string
	}{
		{map[string]int{"b": 2, "a": 1}, "{'a': 1, 'b': 2}"},
		{[]string{"x"}, "['x']"},
		{1.5, "1.5"},
		{true, "True"},
	} {
		if got := PFormat(tt.in); got != tt.want {
			t.Errorf("PFormat(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var deep any = []any{1}
	for range render.MaxNesting + 100 {
		deep = []any{strings.Repeat("x", 10), deep}
	}
	if s := PFormat(deep); strings.Count(s, "[") != render.MaxNesting+1 || !strings.Contains(s, "[...]") {
		t.Errorf("nesting beyond render.MaxNesting: %d lists, want %d and a marker: %.80q", strings.Count(s, "["), render.MaxNesting+1, s)
	}
}

// zoo is a set of odd values every filter must survive.
func zoo() []any {
	self := []any{1, nil}
	self[1] = self
	selfMap := map[string]any{}
	selfMap["me"] = selfMap
	ch := make(chan int, 1)
	ch <- 1
	var nilSlice []any
	var nilMap map[string]any
	var nilPtr *person
	return []any{
		nil, "", 0, -1, 1, 1e308, -1e308, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0.5,
		true, false, uint64(math.MaxUint64), int64(math.MinInt64), int8(-3), float32(1.5),
		"x", "0", "-1", "1e400", "nan", " 12 ", "abc", "<a href='x'>&amp;</a>", "é\u0301\u2028",
		render.SafeString("<b>safe</b>"), strings.Repeat("word ", 500), strings.Repeat("<b>", 500),
		strings.Repeat("(", 300) + "www.x.com" + strings.Repeat(")", 300),
		"\xff\xfe invalid utf8", "&#99999999999;&#x110000;&;&#;&nbsp", "a@b@c.com:x.com;;;&amp;;",
		[]any{}, []any{1, "a", nil, []any{2, []any{3}}}, []string{"b", "a"}, []int{3, 1, 2}, [2]int{1, 2},
		map[string]any{"a": 1, "b": []any{1}}, map[int]string{2: "b", 1: "a"}, map[string]any{},
		struct{ A int }{1}, &person{Name: "p"}, person{}, []person{{Name: "b"}, {Name: "a"}},
		ch, func() string { return "f" }, self, selfMap, nilSlice, nilMap, nilPtr,
		time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC), time.Time{}, 90 * time.Minute,
		[]byte("bytes"), complex(1, 2), errors.New("an error"),
		cyclicList(), cyclicNode(), secret{Name: "alice", pass: "mallory", score: -900},
	}
}

// zooArgs are odd arguments, as a template could give them.
func zooArgs() []any {
	return []any{
		render.NoArg{}, nil, "", 0, -1, 1, 3, 1 << 40, math.MaxInt64, math.MinInt64, 1e308, math.NaN(),
		"2", "-3", "a", ":", "::-1", "1:2:3:4", "0::0", "y,ies", "a,b,c,d", ",,,", "2gu", "g", "u",
		"%", "%s", "(a)s", "*d", "10000000d", ".99999f", "0.5", "_x", "Age", "a.b", "1_0",
		"H:i", "d", "DATE_FORMAT", "b,i", "<script>", "99999999999999999999999",
		render.SafeString("<"), []any{1}, map[string]any{"a": 1}, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// TestZoo calls every built-in filter's function directly (not through
// Apply, which would turn a panic into an error) with every odd value and
// argument, with autoescape on and off: none may panic.
func TestZoo(t *testing.T) {
	values, args := zoo(), zooArgs()
	fs := Builtins()
	for name, f := range fs {
		for _, ae := range []bool{true, false} {
			for vi, v := range values {
				for _, a := range args {
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("%s(zoo[%d] %s, %#v) autoescape=%v panicked: %v", name, vi, describe(v), a, ae, r)
							}
						}()
						_, _ = f.Fn(newState(ae), v, a)
					}()
				}
			}
		}
	}
}

func describe(v any) string {
	s := fmt.Sprintf("%T", v)
	if str, ok := v.(string); ok && len(str) < 40 {
		s += fmt.Sprintf(" %q", str)
	}
	return s
}

// TestArgRules checks each filter's argument rule and safeness flags
// against Django's registrations.
func TestArgRules(t *testing.T) {
	type rule struct {
		arg  render.ArgRule
		safe bool
	}
	want := map[string]rule{
		"addslashes": {render.ArgNone, true}, "center": {render.ArgRequired, true},
		"cut": {render.ArgRequired, false}, "dictsort": {render.ArgRequired, false},
		"dictsortreversed": {render.ArgRequired, false}, "divisibleby": {render.ArgRequired, false},
		"escapejs": {render.ArgNone, false}, "escapeseq": {render.ArgNone, true},
		"filesizeformat": {render.ArgNone, true}, "floatformat": {render.ArgOptional, true},
		"force_escape": {render.ArgNone, true}, "get_digit": {render.ArgRequired, false},
		"iriencode": {render.ArgNone, true}, "json_script": {render.ArgOptional, true},
		"length_is": {render.ArgRequired, false}, "linebreaks": {render.ArgNone, true},
		"linebreaksbr": {render.ArgNone, true}, "linenumbers": {render.ArgNone, true},
		"ljust": {render.ArgRequired, true}, "make_list": {render.ArgNone, false},
		"phone2numeric": {render.ArgNone, true}, "pluralize": {render.ArgOptional, false},
		"pprint": {render.ArgNone, true}, "random": {render.ArgNone, true},
		"rjust": {render.ArgRequired, true}, "safeseq": {render.ArgNone, true},
		"slice": {render.ArgRequired, true}, "slugify": {render.ArgNone, true},
		"stringformat": {render.ArgRequired, true}, "time": {render.ArgOptional, false},
		"timesince": {render.ArgOptional, false}, "timeuntil": {render.ArgOptional, false},
		"truncatechars_html": {render.ArgRequired, true}, "truncatewords": {render.ArgRequired, true},
		"truncatewords_html": {render.ArgRequired, true}, "unordered_list": {render.ArgNone, true},
		"urlencode": {render.ArgOptional, false}, "urlize": {render.ArgNone, true},
		"urlizetrunc": {render.ArgRequired, true}, "wordcount": {render.ArgNone, false},
		"wordwrap": {render.ArgRequired, true}, "yesno": {render.ArgOptional, false},
		"float": {render.ArgNone, false}, "integer": {render.ArgNone, false},
		"removetags": {render.ArgRequired, true}, "split": {render.ArgRequired, false},
	}
	fs := Builtins()
	for name, w := range want {
		f := fs[name]
		if f == nil {
			t.Errorf("%s missing", name)
			continue
		}
		if f.Arg != w.arg || f.IsSafe != w.safe {
			t.Errorf("%s: Arg %v IsSafe %v, want %v %v", name, f.Arg, f.IsSafe, w.arg, w.safe)
		}
	}
	if len(fs) != len(want)+16 {
		t.Errorf("%d filters, want %d", len(fs), len(want)+16)
	}
	_ = reflect.TypeOf
}

// Lists that share or contain themselves do not multiply the work of
// pprint and json_script.
func TestSharedAndCyclicValues(t *testing.T) {
	var shared any = []any{"x"}
	for range 60 {
		shared = []any{shared, shared}
	}
	_ = PFormat(shared)
	if _, err := PyJSON(shared); err == nil {
		t.Error("PyJSON of 2^60 shared values: no error")
	}
	self := []any{strings.Repeat("y", 100), nil, nil}
	self[1], self[2] = self, self
	if s := PFormat(self); !strings.Contains(s, "[...]") {
		t.Errorf("PFormat(self) = %.100q", s)
	}
	if _, err := PyJSON(self); err == nil || !strings.Contains(err.Error(), "Circular") {
		t.Errorf("PyJSON(self): %v, want a circular reference error", err)
	}
	m := map[string]any{}
	m["m"] = m
	if _, err := PyJSON(m); err == nil {
		t.Error("PyJSON(self-containing map): no error")
	}
}
