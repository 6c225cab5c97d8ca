package render

import (
	"math"
	"testing"
	"time"
)

func TestEqual(t *testing.T) {
	var nilPtr *testPlain
	p := &testPlain{A: 1}
	utc := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	list := []any{1, nil}
	list[1] = list
	other := []any{1, nil}
	other[1] = other
	tests := []struct {
		a, b any
		want bool
	}{
		{"a", "a", true},
		{"a", "b", false},
		{"a", SafeString("a"), true},
		{SafeString("a"), "a", true},
		{SafeString("a"), SafeString("a"), true},
		{testNamedString("a"), "a", true},
		{"1", 1, false},
		{1, "1", false},
		{1, 1, true},
		{1, 2, false},
		{1, int64(1), true},
		{int64(1), 1, true},
		{1, 1.0, true},
		{1.0, 1, true},
		{1, 1.5, false},
		{uint8(255), 255, true},
		{uint64(math.MaxUint64), -1, false},
		{uint64(math.MaxUint64), math.MaxUint64 + 0.0, false},
		{uint64(1 << 63), float64(1 << 63), true},
		{int64(1<<53 + 1), float64(1 << 53), false},
		{float32(0.5), 0.5, true},
		{testNamedInt(2), 2, true},
		{true, 1, true},
		{false, 0, true},
		{true, 1.0, true},
		{true, true, true},
		{true, false, false},
		{true, "True", false},
		{math.NaN(), math.NaN(), false},
		{0.0, math.Copysign(0, -1), true},
		{nil, nil, true},
		{nil, nilPtr, true},
		{nilPtr, nil, true},
		{nil, 0, false},
		{nil, "", false},
		{nil, false, false},
		{0, nil, false},
		{utc, utc.In(time.FixedZone("", 3600)), true},
		{utc, utc.Add(1), false},
		{utc, "2024", false},
		{[]any{1, "a"}, []any{1.0, SafeString("a")}, true},
		{[]any{1, "a"}, []string{"1", "a"}, false},
		{[]string{"a"}, []any{"a"}, true},
		{[]int{1, 2}, [2]float64{1, 2}, true},
		{[]int{1, 2}, []int{1}, false},
		{[]any{}, []string{}, true},
		{[]any{}, nil, false},
		{list, list, true},
		{list, other, false},
		{map[string]any{"a": 1}, map[string]int{"a": 1}, true},
		{map[string]any{"a": 1}, map[string]any{"a": 2}, false},
		{map[string]any{"a": 1}, map[string]any{"b": 1}, false},
		{map[int]string{1: "x"}, map[float64]string{1.0: "x"}, true},
		{map[any]any{1: "x"}, map[any]any{1.0: "x"}, true},
		{map[string]any{}, map[int]int{}, true},
		{map[string]any{"a": []any{1}}, map[string]any{"a": []int{1}}, true},
		{testPlain{1}, testPlain{1}, true},
		{testPlain{1}, testPlain{2}, false},
		{testPlain{1}, struct{ A int }{1}, false},
		{p, p, true},
		{p, &testPlain{A: 1}, false},
		{testCyclic{}, testCyclic{}, false},
		{func() {}, func() {}, false},
		{[]any{func() {}}, []any{func() {}}, false},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%T %v, %T %v) = %v, want %v", tt.a, tt.a, tt.b, tt.b, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	utc := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		a, b any
		want int
		ok   bool
	}{
		{1, 2, -1, true},
		{2, 1, 1, true},
		{2, 2, 0, true},
		{int64(3), 2, 1, true},
		{2, int64(3), -1, true},
		{1, 1.5, -1, true},
		{1.5, 1, 1, true},
		{2.0, 2, 0, true},
		{-1, uint64(math.MaxUint64), -1, true},
		{uint64(math.MaxUint64), uint64(math.MaxUint64 - 1), 1, true},
		{uint64(math.MaxUint64), 1.8e19, 1, true},
		{uint64(math.MaxUint64), 1e20, -1, true},
		{uint64(1<<63 + 1), float64(1 << 63), 1, true},
		{int64(math.MaxInt64), 1e19, -1, true},
		{int64(math.MinInt64), -1e19, 1, true},
		{int64(1<<53 + 1), float64(1 << 53), 1, true},
		{-3, -2.5, -1, true},
		{-2, -2.5, 1, true},
		{true, 0, 1, true},
		{false, true, -1, true},
		{true, 1.5, -1, true},
		{testNamedInt(5), 4, 1, true},
		{float32(1.5), 1.25, 1, true},
		{math.NaN(), 1, 0, false},
		{1, math.NaN(), 0, false},
		{math.NaN(), math.NaN(), 0, false},
		{math.Inf(1), int64(math.MaxInt64), 1, true},
		{"a", "b", -1, true},
		{"b", "a", 1, true},
		{"a", "a", 0, true},
		{"Z", "a", -1, true},
		{"é", "z", 1, true},
		{"a", "ab", -1, true},
		{SafeString("a"), "b", -1, true},
		{"b", SafeString("a"), 1, true},
		{testNamedString("x"), "x", 0, true},
		{"1", 1, 0, false},
		{1, "1", 0, false},
		{nil, nil, 0, false},
		{nil, 1, 0, false},
		{1, nil, 0, false},
		{(*testPlain)(nil), 1, 0, false},
		{utc, utc.Add(time.Second), -1, true},
		{utc.Add(time.Hour), utc, 1, true},
		{utc, utc.In(time.FixedZone("", 7200)), 0, true},
		{utc, 1, 0, false},
		{[]any{1, 2}, []any{1, 3}, -1, true},
		{[]any{1, 2}, []int{1, 2}, 0, true},
		{[]any{1, 2}, []any{1}, 1, true},
		{[]any{}, []any{1}, -1, true},
		{[]string{"b"}, []string{"a", "z"}, 1, true},
		{[]any{1, "a"}, []any{1, 2}, 0, false},
		{[]any{1, "a"}, []any{2, 2}, -1, true},
		{map[string]any{}, map[string]any{}, 0, false},
		{testPlain{1}, testPlain{2}, 0, false},
		{true, "a", 0, false},
	}
	for _, tt := range tests {
		got, ok := Compare(tt.a, tt.b)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Compare(%T %v, %T %v) = %d, %v; want %d, %v", tt.a, tt.a, tt.b, tt.b, got, ok, tt.want, tt.ok)
		}
	}
	// Lists inside themselves end at the depth limit instead of recursing.
	a := []any{nil}
	a[0] = a
	b := []any{nil}
	b[0] = b
	if _, ok := Compare(a, b); ok {
		t.Errorf("Compare of two self-containing lists: ok = true, want false")
	}
	if c, ok := Compare(a, a); c != 0 || !ok {
		t.Errorf("Compare(a, a) = %d, %v; want 0, true", c, ok)
	}
}

func TestContains(t *testing.T) {
	var nilPtr *[]any
	tests := []struct {
		c, item any
		in, ok  bool
	}{
		{"hello", "ell", true, true},
		{"hello", "x", false, true},
		{"hello", "", true, true},
		{"hello", SafeString("lo"), true, true},
		{"1", 1, false, true},
		{SafeString("<b>"), "b", true, true},
		{testNamedString("abc"), "b", true, true},
		{"abc", testNamedString("c"), true, true},
		{[]any{1, "a"}, 1.0, true, true},
		{[]any{1, "a"}, SafeString("a"), true, true},
		{[]any{1, "a"}, "b", false, true},
		{[]any{nil}, nil, true, true},
		{[]any{[]any{1}}, []int{1}, true, true},
		{[]string{"a", "b"}, "b", true, true},
		{[]string{"a", "b"}, SafeString("a"), true, true},
		{[]string{"1"}, 1, false, true},
		{[]int{1, 2}, 2, true, true},
		{[]int{1, 2}, 2.0, true, true},
		{[]int{1, 2}, true, true, true},
		{[]int{1, 2}, "1", false, true},
		{[2]string{"x", "y"}, "y", true, true},
		{[]float64{0.5}, 0.5, true, true},
		{map[string]any{"a": 1}, "a", true, true},
		{map[string]any{"a": 1}, 1, false, true},
		{map[string]any{"a": 1}, SafeString("a"), true, true},
		{map[string]string{"a": ""}, "a", true, true},
		{map[string]string{"a": ""}, "b", false, true},
		{map[int]bool{1: true}, 1, true, true},
		{map[int]bool{1: true}, 1.0, true, true},
		{map[int]bool{1: true}, "1", false, true},
		{map[any]int{2: 0}, 2.0, true, true},
		{map[any]int{"k": 0}, []any{1}, false, true},
		{map[testNamedString]int{"k": 0}, "k", true, true},
		{&[]any{1}, 1, true, true},
		{nilPtr, 1, false, false},
		{nil, 1, false, false},
		{1, 1, false, false},
		{int64(1), 1, false, false},
		{1.5, 1, false, false},
		{true, true, false, false},
		{testPlain{}, 1, false, false},
		{time.Time{}, 1, false, false},
	}
	for _, tt := range tests {
		in, ok := Contains(tt.c, tt.item)
		if in != tt.in || ok != tt.ok {
			t.Errorf("Contains(%T %v, %T %v) = %v, %v; want %v, %v", tt.c, tt.c, tt.item, tt.item, in, ok, tt.in, tt.ok)
		}
	}
}

// testLink is a comparable struct that can reach itself through a pointer.
type testLink struct {
	Name string
	Next *testLink
}

// TestEqualCycles checks ==, in and ordering on data that contains itself
// (through a slice, a map, a pointer to a struct), on acyclic data nested
// deeper than the old limit of 32 and deeper than MaxNesting, and on lists
// that share their sublists so much that comparing them path by path would
// never end.
func TestEqualCycles(t *testing.T) {
	selfList := func() []any { l := []any{1, nil}; l[1] = l; return l }
	selfMap := func() map[string]any { m := map[string]any{"a": 1}; m["m"] = m; return m }
	selfLink := func() *testLink { n := &testLink{Name: "n"}; n.Next = n; return n }
	l1, l2 := selfList(), selfList()
	m1, m2 := selfMap(), selfMap()
	n1, n2 := selfLink(), selfLink()
	nested := func(depth int) any {
		var v any = "leaf"
		for range depth {
			v = []any{v}
		}
		return v
	}
	shared := func() any {
		var v any = []any{"x"}
		for range 60 {
			v = []any{v, v}
		}
		return v
	}
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"list itself", l1, l1, true},
		{"two self-containing lists", l1, l2, false}, // Python: RecursionError, Django's if: False
		{"dict itself", m1, m1, true},
		{"two self-containing dicts", m1, m2, false},
		{"pointer itself", n1, n1, true},
		{"two self-pointing structs", n1, n2, false},
		{"self-pointing struct values", *n1, *n1, true},
		{"lists of self-containing lists", []any{l1}, []any{l1}, true},
		{"nested 400 deep", nested(400), nested(400), true},
		{"nested beyond MaxNesting", nested(MaxNesting + 10), nested(MaxNesting + 10), false},
		{"2^60 shared paths", shared(), shared(), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
			if in, ok := Contains([]any{"x", tt.a}, tt.b); in != tt.want || !ok {
				t.Errorf("Contains = %v, %v; want %v, true", in, ok, tt.want)
			}
		})
	}
	if c, ok := Compare(nested(400), nested(400)); c != 0 || !ok {
		t.Errorf("Compare(nested 400 deep) = %d, %v; want 0, true", c, ok)
	}
	if c, ok := Compare(shared(), shared()); c != 0 || !ok {
		t.Errorf("Compare(2^60 shared paths) = %d, %v; want 0, true", c, ok)
	}
	if _, ok := Compare(nested(MaxNesting+10), nested(MaxNesting+10)); ok {
		t.Error("Compare of lists nested beyond MaxNesting: ok")
	}
}
