package render

import (
	"math"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

type testNamedInt int
type testNamedFloat float64
type testNamedBool bool
type testNamedAnySlice []any
type testPlain struct{ A int }

func TestTruthy(t *testing.T) {
	var nilPtr *testPlain
	var nilMap map[string]any
	var nilSlice []any
	var nilFunc func()
	var nilChan chan int
	x := 0
	tests := []struct {
		v    any
		want bool
	}{
		{nil, false},
		{false, false},
		{true, true},
		{"", false},
		{"a", true},
		{SafeString(""), false},
		{SafeString("x"), true},
		{0, false},
		{7, true},
		{int64(0), false},
		{int64(-1), true},
		{0.0, false},
		{math.Copysign(0, -1), false},
		{0.5, true},
		{math.NaN(), true},
		{[]any{}, false},
		{[]any{nil}, true},
		{nilSlice, false},
		{map[string]any{}, false},
		{map[string]any{"a": 1}, true},
		{nilMap, false},
		{[]string{}, false},
		{[]string{""}, true},
		{[]int{}, false},
		{[]int{0}, true},
		{map[string]string{}, false},
		{map[string]string{"": ""}, true},
		{[]map[string]any{}, false},
		{[]map[string]any{nil}, true},
		{time.Time{}, true},
		{time.Now(), true},
		// reflection
		{int8(0), false},
		{uint(3), true},
		{uint64(0), false},
		{float32(0), false},
		{float32(0.1), true},
		{complex(0, 0), false},
		{complex(0, 1), true},
		{testNamedInt(0), false},
		{testNamedInt(2), true},
		{testNamedFloat(0), false},
		{testNamedBool(true), true},
		{testNamedString(""), false},
		{testNamedString("x"), true},
		{testNamedAnySlice{}, false},
		{[0]int{}, false},
		{[1]int{}, true},
		{map[int]int{}, false},
		{testPlain{}, true},
		{&testPlain{}, true},
		{nilPtr, false},
		{&x, true},
		{func() {}, true},
		{nilFunc, false},
		{make(chan int), true},
		{nilChan, false},
		{unsafe.Pointer(&x), true},
		{unsafe.Pointer(nil), false},
	}
	for _, tt := range tests {
		if got := Truthy(tt.v); got != tt.want {
			t.Errorf("Truthy(%T %#v) = %v, want %v", tt.v, tt.v, got, tt.want)
		}
	}
}

func TestLen(t *testing.T) {
	ch := make(chan int, 3)
	ch <- 1
	tests := []struct {
		v    any
		want int
		ok   bool
	}{
		{"héllo", 5, true},
		{SafeString("ab"), 2, true},
		{"", 0, true},
		{[]any{1, 2}, 2, true},
		{map[string]any{"a": 1}, 1, true},
		{[]string{"a"}, 1, true},
		{[]int{}, 0, true},
		{map[string]string{"a": "b", "c": "d"}, 2, true},
		{[]map[string]any{{}}, 1, true},
		{testNamedString("héé"), 3, true},
		{[3]int{}, 3, true},
		{map[int]bool{1: true}, 1, true},
		{[]byte("héllo"), 6, true},
		{ch, 1, true},
		{nil, 0, false},
		{5, 0, false},
		{int64(5), 0, false},
		{2.5, 0, false},
		{true, 0, false},
		{time.Time{}, 0, false},
		{testPlain{}, 0, false},
		{&[]int{1}, 0, false},
	}
	for _, tt := range tests {
		n, ok := Len(tt.v)
		if n != tt.want || ok != tt.ok {
			t.Errorf("Len(%T %#v) = %d, %v; want %d, %v", tt.v, tt.v, n, ok, tt.want, tt.ok)
		}
	}
}

func TestItems(t *testing.T) {
	type key struct{ A, B int }
	var nilPtr *[]int
	tests := []struct {
		name string
		v    any
		want []any
		ok   bool
	}{
		{"nil", nil, nil, true},
		{"[]any", []any{1, "a"}, []any{1, "a"}, true},
		{"[]string", []string{"a", "b"}, []any{"a", "b"}, true},
		{"[]int", []int{1, 2}, []any{1, 2}, true},
		{"[]map[string]any", []map[string]any{{"a": 1}}, []any{map[string]any{"a": 1}}, true},
		{"map[string]any", map[string]any{"b": 1, "a": 2, "C": 3}, []any{"C", "a", "b"}, true},
		{"map[string]string", map[string]string{"y": "", "x": ""}, []any{"x", "y"}, true},
		{"string", "hé!", []any{"h", "é", "!"}, true},
		{"SafeString", SafeString("ab"), []any{"a", "b"}, true},
		{"named string", testNamedString("ab"), []any{"a", "b"}, true},
		{"array", [2]int{4, 5}, []any{4, 5}, true},
		{"named slice", testNamedSlice{"q"}, []any{"q"}, true},
		{"[]float64", []float64{1.5}, []any{1.5}, true},
		{"map[int]string numeric order", map[int]string{10: "", 9: "", -1: ""}, []any{-1, 9, 10}, true},
		{"map[float64]bool", map[float64]bool{2.5: true, 1: true}, []any{1.0, 2.5}, true},
		{"map[any]any mixed", map[any]any{"b": 0, 2: 0, "a": 0, 1.5: 0, nil: 0, true: 0}, []any{nil, true, 1.5, 2, "a", "b"}, true},
		{"map[struct]int by String", map[key]int{{2, 1}: 0, {1, 2}: 0}, []any{key{1, 2}, key{2, 1}}, true},
		{"pointer to slice", &[]int{7}, []any{7}, true},
		{"nil pointer", nilPtr, nil, true},
		{"int", 5, nil, false},
		{"int64", int64(5), nil, false},
		{"float", 1.5, nil, false},
		{"bool", true, nil, false},
		{"time", time.Time{}, nil, false},
		{"struct", testPlain{}, nil, false},
		{"chan", make(chan int), nil, false},
		{"func", func(func(int) bool) {}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Items(tt.v)
			if ok != tt.ok {
				t.Fatalf("Items ok = %v, want %v", ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b key) bool { return a == b })); diff != "" {
				t.Errorf("Items mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestToInt(t *testing.T) {
	tests := []struct {
		v    any
		want int64
		ok   bool
	}{
		{5, 5, true},
		{int64(-5), -5, true},
		{int8(-3), -3, true},
		{uint16(9), 9, true},
		{uint64(math.MaxInt64), math.MaxInt64, true},
		{uint64(math.MaxInt64 + 1), 0, false},
		{testNamedInt(4), 4, true},
		{2.9, 2, true},
		{-2.9, -2, true},
		{float32(1.5), 1, true},
		{math.NaN(), 0, false},
		{math.Inf(1), 0, false},
		{math.Inf(-1), 0, false},
		{1e19, 0, false},
		{-9223372036854775808.0, math.MinInt64, true},
		{true, 1, true},
		{false, 0, true},
		{"42", 42, true},
		{" -42 ", -42, true},
		{"+7", 7, true},
		{"\t12\n", 12, true},
		{"007", 7, true},
		{"1_000", 1000, true},
		{"1__000", 0, false},
		{"_1", 0, false},
		{"1_", 0, false},
		{"", 0, false},
		{"  ", 0, false},
		{"1.5", 0, false},
		{"1e3", 0, false},
		{"0x10", 0, false},
		{"- 1", 0, false},
		{"--1", 0, false},
		{"+", 0, false},
		{"9223372036854775807", math.MaxInt64, true},
		{"9223372036854775808", 0, false},
		{"-9223372036854775808", math.MinInt64, true},
		{SafeString("12"), 12, true},
		{testNamedString("3"), 3, true},
		{nil, 0, false},
		{[]any{1}, 0, false},
		{testPlain{}, 0, false},
	}
	for _, tt := range tests {
		got, ok := ToInt(tt.v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ToInt(%T %#v) = %d, %v; want %d, %v", tt.v, tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestToFloat(t *testing.T) {
	tests := []struct {
		v    any
		want float64
		ok   bool
	}{
		{1.5, 1.5, true},
		{3, 3, true},
		{int64(-2), -2, true},
		{uint8(2), 2, true},
		{float32(0.5), 0.5, true},
		{testNamedFloat(2.5), 2.5, true},
		{true, 1, true},
		{" 1.5 ", 1.5, true},
		{"1e3", 1000, true},
		{"1E-2", 0.01, true},
		{"-2", -2, true},
		{"+.5", 0.5, true},
		{"5.", 5, true},
		{"1.e2", 100, true},
		{"1_000.5", 1000.5, true},
		{"1_0e1_0", 10e10, true},
		{"inf", math.Inf(1), true},
		{"-Infinity", math.Inf(-1), true},
		{"+INF", math.Inf(1), true},
		{"1e400", math.Inf(1), true},
		{"-1e400", math.Inf(-1), true},
		{"1e-400", 0, true},
		{SafeString("2.5"), 2.5, true},
		{testNamedString("4"), 4, true},
		{"", 0, false},
		{".", 0, false},
		{"e5", 0, false},
		{".e5", 0, false},
		{"1e", 0, false},
		{"1e+", 0, false},
		{"1_", 0, false},
		{"1._5", 0, false},
		{"1_.5", 0, false},
		{"1e_5", 0, false},
		{"0x10", 0, false},
		{"0x1p3", 0, false},
		{"infinit", 0, false},
		{"nan1", 0, false},
		{"1 2", 0, false},
		{"--1", 0, false},
		{nil, 0, false},
		{testPlain{}, 0, false},
	}
	for _, tt := range tests {
		got, ok := ToFloat(tt.v)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ToFloat(%T %#v) = %v, %v; want %v, %v", tt.v, tt.v, got, ok, tt.want, tt.ok)
		}
	}
	for _, s := range []string{"nan", "-NaN", "+nan"} {
		if f, ok := ToFloat(s); !ok || !math.IsNaN(f) {
			t.Errorf("ToFloat(%q) = %v, %v; want NaN, true", s, f, ok)
		}
	}
}
