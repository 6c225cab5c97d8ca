package render

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestArith(t *testing.T) {
	tests := []struct {
		op      string
		a, b    any
		want    any
		wantErr string
	}{
		{"+", 1, 2, int64(3), ""},
		{"-", 1, 2, int64(-1), ""},
		{"*", 3, 4, int64(12), ""},
		{"/", 7, 2, 3.5, ""},
		{"/", 6, 3, 2.0, ""},
		{"/", -7, 2, -3.5, ""},
		{"%", 7, 3, int64(1), ""},
		{"%", -7, 3, int64(2), ""},
		{"%", 7, -3, int64(-2), ""},
		{"%", -7, -3, int64(-1), ""},
		{"%", 6, -3, int64(0), ""},
		{"^", 2, 10, int64(1024), ""},
		{"^", 2, 0, int64(1), ""},
		{"^", 0, 0, int64(1), ""},
		{"^", -3, 3, int64(-27), ""},
		{"^", 2, -1, 0.5, ""},
		{"^", 2.0, 3, 8.0, ""},
		{"^", 4, 0.5, 2.0, ""},
		{"^", 2, 62, int64(1) << 62, ""},
		{"^", 2, 63, nil, "integer overflow in ^"},
		{"^", -2, 63, int64(math.MinInt64), ""},
		{"^", 0, -1, nil, "division by zero"},
		{"^", 0.0, -1.0, nil, "division by zero"},
		{"+", int64(1), int64(2), int64(3), ""},
		{"+", int64(math.MaxInt64), 1, nil, "integer overflow in +"},
		{"-", int64(math.MinInt64), 1, nil, "integer overflow in -"},
		{"*", int64(math.MaxInt64), 2, nil, "integer overflow in *"},
		{"*", int64(math.MinInt64), -1, nil, "integer overflow in *"},
		{"*", -1, int64(math.MinInt64), nil, "integer overflow in *"},
		{"%", int64(math.MinInt64), -1, int64(0), ""},
		{"+", int8(1), uint16(2), int64(3), ""},
		{"+", testNamedInt(1), 2, int64(3), ""},
		{"+", true, true, int64(2), ""},
		{"*", true, 5, int64(5), ""},
		{"+", 1, 0.5, 1.5, ""},
		{"+", 0.5, 1, 1.5, ""},
		{"+", 0.1, 0.2, 0.30000000000000004, ""},
		{"-", 1.5, 0.5, 1.0, ""},
		{"*", 1.5, 2, 3.0, ""},
		{"/", 1.0, 4, 0.25, ""},
		{"%", 7.5, 2, 1.5, ""},
		{"%", -7.5, 2, 0.5, ""},
		{"%", 7.5, -2, -0.5, ""},
		{"%", 6.0, -3, math.Copysign(0, -1), ""},
		{"%", -6.0, 3, 0.0, ""},
		{"+", float32(0.5), 1, 1.5, ""},
		{"+", uint64(math.MaxUint64), 1, 1.8446744073709552e19, ""},
		{"/", 1, 0, nil, "division by zero"},
		{"/", 1.0, 0.0, nil, "division by zero"},
		{"%", 1, 0, nil, "division by zero"},
		{"%", 1.5, 0, nil, "division by zero"},
		{"+", "a", "b", "ab", ""},
		{"+", SafeString("a"), SafeString("b"), SafeString("ab"), ""},
		{"+", SafeString("a"), "b", "ab", ""},
		{"+", "a", SafeString("b"), "ab", ""},
		{"+", testNamedString("a"), "b", "ab", ""},
		{"+", []any{1}, []any{"a"}, []any{1, "a"}, ""},
		{"+", []int{1}, []string{"a"}, []any{1, "a"}, ""},
		{"+", []any{}, [1]int{2}, []any{2}, ""},
		{"+", "a", 1, nil, "cannot apply + to string and int"},
		{"+", 1, "a", nil, "cannot apply + to int and string"},
		{"-", "a", "b", nil, "cannot apply - to string and string"},
		{"*", "a", 3, nil, "cannot apply * to string and int"},
		{"+", nil, 1, nil, "cannot apply + to nil and int"},
		{"+", 1, nil, nil, "cannot apply + to int and nil"},
		{"+", nil, nil, nil, "cannot apply + to nil and nil"},
		{"+", map[string]any{}, map[string]any{}, nil, "cannot apply + to map[string]interface {} and map[string]interface {}"},
		{"+", []any{}, "a", nil, "cannot apply + to []interface {} and string"},
		{"&", 1, 2, nil, `unknown operator "&"`},
		{"//", "a", "b", nil, `unknown operator "//"`},
	}
	for _, tt := range tests {
		got, err := Arith(tt.op, tt.a, tt.b)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Arith(%q, %T %v, %T %v) error = %v, want %q", tt.op, tt.a, tt.a, tt.b, tt.b, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Arith(%q, %T %v, %T %v) error: %v", tt.op, tt.a, tt.a, tt.b, tt.b, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Arith(%q, %T %v, %T %v) mismatch (-want +got):\n%s", tt.op, tt.a, tt.a, tt.b, tt.b, diff)
		}
		if f, ok := tt.want.(float64); ok && f == 0 && math.Signbit(f) != math.Signbit(got.(float64)) {
			t.Errorf("Arith(%q, %v, %v) = %v, want %v (sign of zero)", tt.op, tt.a, tt.b, got, f)
		}
	}
	got, err := Arith("^", -8.0, 1/3.0)
	if err != nil || !cmp.Equal(got, math.NaN(), cmpopts.EquateNaNs()) {
		t.Errorf("Arith(^, -8.0, 1/3) = %v, %v; want NaN (Python gives a complex)", got, err)
	}
}

func TestNegate(t *testing.T) {
	tests := []struct {
		v       any
		want    any
		wantErr string
	}{
		{1, int64(-1), ""},
		{int64(-5), int64(5), ""},
		{1.5, -1.5, ""},
		{0.0, math.Copysign(0, -1), ""},
		{int8(3), int64(-3), ""},
		{uint(3), int64(-3), ""},
		{uint64(math.MaxUint64), -1.8446744073709552e19, ""},
		{float32(2), -2.0, ""},
		{true, int64(-1), ""},
		{testNamedInt(2), int64(-2), ""},
		{math.MinInt, nil, "integer overflow in -"},
		{int64(math.MinInt64), nil, "integer overflow in -"},
		{int32(math.MinInt32), int64(-math.MinInt32), ""},
		{"1", nil, "cannot apply unary - to string"},
		{nil, nil, "cannot apply unary - to nil"},
	}
	for _, tt := range tests {
		got, err := Negate(tt.v)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Negate(%T %v) error = %v, want %q", tt.v, tt.v, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Negate(%T %v) error: %v", tt.v, tt.v, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Negate(%T %v) mismatch (-want +got):\n%s", tt.v, tt.v, diff)
		}
	}
}
