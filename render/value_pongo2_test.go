package render

import (
	"testing"
	"time"
)

// TestPongo2Operators checks pongo2's arithmetic and comparisons on Go
// values against what pongo2 v6 computes.
func TestPongo2Operators(t *testing.T) {
	type ptr struct{ N int }
	n := 3
	for _, tt := range []struct {
		op   string
		a, b any
		want any
	}{
		{"/", 1, 2, int64(0)},
		{"/", 7, 2.0, 3.5},
		{"+", 1, "a", "1a"},
		{"+", SafeString("a"), 1.5, "a1.500000"},
		{"+", "a", nil, "a"},
		{"*", "3", 2, int64(6)},
		{"-", "x", 2, int64(-2)},
		{"%", 7, -3, int64(1)},
		{"%", -7, 3, int64(-1)},
		{"^", 2, 3, 8.0},
		{"+", &n, uint8(2), int64(5)},
		{"+", true, 1, int64(1)}, // a bool is not a number: 0
	} {
		got, err := Pongo2Arith(tt.op, tt.a, tt.b)
		if err != nil || got != tt.want {
			t.Errorf("%v %s %v: %#v, %v; want %#v", tt.a, tt.op, tt.b, got, err, tt.want)
		}
	}
	for _, op := range []string{"/", "%"} {
		if _, err := Pongo2Arith(op, 1, 0); err == nil {
			t.Errorf("1 %s 0: no error", op)
		}
	}
	if v, err := Pongo2Negate(2.5); err != nil || v != -2.5 {
		t.Errorf("-2.5: %v %v", v, err)
	}
	if _, err := Pongo2Negate(true); err == nil {
		t.Error("-true: no error")
	}
	t1 := time.Date(2014, 6, 10, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		a, b     any
		eq, less bool
	}{
		{4.0, 4, false, false},
		{uint(8), 8, true, false},
		{SafeString("a"), "a", true, false},
		{"10", "9", false, false}, // numbers: 10 < 9 is false
		{1, 1.5, false, true},
		{nil, Undefined{Name: "x"}, true, false},
		{t1, t1.In(time.FixedZone("x", 3600)), true, false},
		{[]int{1}, []int{1}, false, false},
		{ptr{1}, ptr{1}, true, false},
	} {
		if got := Pongo2Equal(tt.a, tt.b); got != tt.eq {
			t.Errorf("%v == %v: %v", tt.a, tt.b, got)
		}
		if got := Pongo2Less("<", tt.a, tt.b); got != tt.less {
			t.Errorf("%v < %v: %v", tt.a, tt.b, got)
		}
	}
}

// TestPongo2Int: pongo2's Value.Integer, which the pongo2 filters and the
// compat package's Value share: numbers converted, a string parsed, 0
// for anything else, and for a string it cannot parse or whose number is
// out of range.
func TestPongo2Int(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want int
	}{
		{7, 7}, {uint8(3), 3}, {2.9, 2}, {-2.9, -2}, {"12", 12}, {"4.5", 4},
		{"x", 0}, {"1e400", 0}, {true, 0}, {nil, 0}, {SafeString("8"), 8},
	} {
		if got := Pongo2Int(tt.in); got != tt.want {
			t.Errorf("Pongo2Int(%#v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
