package filters

import (
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/braidtpl/braid/render"
)

// floatformat's caps and Go number types. Expected values follow Django's
// test_floatformat.py (Decimal inputs become Go strings).
func TestFloatformatGoValues(t *testing.T) {
	for _, tt := range []struct {
		in, arg any
		want    any
	}{
		{"123456.123456789012345678901", 21, render.SafeString("123456.123456789012345678901")},
		{"1.2345", 2, render.SafeString("1.23")},
		{"15.2042", -3, render.SafeString("15.204")},
		{"1.2345", "2", render.SafeString("1.23")},
		{"15.2042", "-3", render.SafeString("15.204")},
		{"-1.0", render.NoArg{}, render.SafeString("-1")},
		{"-0.5", 0, render.SafeString("-1")},
		{"9.999999999999999999999999999", 3, render.SafeString("10.000")},
		{float32(1.5), render.NoArg{}, render.SafeString("1.5")},
		{int64(-7), 2, render.SafeString("-7.00")},
		{uint64(math.MaxUint64), "g", render.SafeString("18,446,744,073,709,551,615")},
		{1.5, 100, render.SafeString("1.5" + strings.Repeat("0", 99))},
		{1.5, 101, "1.5"},   // beyond the cap: the value's text
		{1.5, -1000, "1.5"}, // idem
		{1.5, "1e3", "1.5"}, // int("1e3") fails: the value's text
		{"x", 2, ""},        // not a number
		{1.5, "", errWant},  // Django indexes arg[-1]: IndexError
		{1.5, nil, errWant}, // int(None): TypeError
		{math.Inf(1), 2, "inf"},
	} {
		out, err := applyFilter(t, "floatformat", true, tt.in, tt.arg)
		if tt.want == errWant {
			if err == nil {
				t.Errorf("floatformat(%#v, %#v) = %#v, want an error", tt.in, tt.arg, out)
			}
			continue
		}
		if err != nil || out != tt.want {
			t.Errorf("floatformat(%#v, %#v) = %#v, %v; want %#v", tt.in, tt.arg, out, err, tt.want)
		}
	}
}

// Bounded work in get_digit, divisibleby and filesizeformat with huge
// values.
func TestIntegerFilters(t *testing.T) {
	huge := strings.Repeat("9", 4300)
	for _, tt := range []struct {
		filter  string
		in, arg any
		want    any
	}{
		{"get_digit", huge, 4300, 9},
		{"get_digit", huge, 4301, 0},
		{"get_digit", huge + "9", 1, huge + "9"}, // over Python's 4300-digit limit: ValueError, the value
		{"get_digit", 123, math.MaxInt64, 0},
		{"get_digit", 123, 0, int64(123)},
		{"get_digit", 123, nil, errWant},
		{"divisibleby", huge, 3, true},
		{"divisibleby", "10", 4, false},
		{"divisibleby", math.NaN(), 2, errWant},
		{"divisibleby", math.Inf(1), 2, errWant},
		{"filesizeformat", uint64(math.MaxUint64), render.NoArg{}, "16384.0\u00a0PB"},
		{"filesizeformat", math.Inf(1), render.NoArg{}, errWant}, // int(inf): OverflowError
		{"filesizeformat", 1e300, render.NoArg{}, "8.8e+284\u00a0PB"},
	} {
		out, err := applyFilter(t, tt.filter, true, tt.in, tt.arg)
		if tt.want == errWant {
			if err == nil {
				t.Errorf("%s(%.20v, %v) = %#v, want an error", tt.filter, tt.in, tt.arg, out)
			}
			continue
		}
		if b, ok := out.(*big.Int); ok {
			out = b.String()
		}
		if err != nil || out != tt.want {
			t.Errorf("%s(%.20v, %v) = %.40v, %v; want %.40v", tt.filter, tt.in, tt.arg, out, err, tt.want)
		}
	}
}

// stringformat's width cap, mapping keys and errors.
func TestStringformatGoValues(t *testing.T) {
	for _, tt := range []struct {
		in   any
		arg  string
		want any
	}{
		{"x", "10000s", strings.Repeat(" ", 9999) + "x"},
		{"x", "10001s", "x"},
		{"x", ".10001s", "x"},
		{3, "99999999999999999999d", 3},
		{map[string]any{"a": 1}, "(b)s", errWant}, // KeyError
		{map[string]int{"n": 7}, "(n)03d", "007"},
		{math.Inf(1), "d", errWant}, // OverflowError
		{math.NaN(), "d", ""},       // ValueError
		{0x110000, "c", errWant},    // OverflowError
		{int8(-5), "x", "-5"},
		{uint64(math.MaxUint64), "X", "FFFFFFFFFFFFFFFF"},
		{float32(0.1), "r", "0.1"},
		{[]string{"a"}, "r", "['a']"},
		{"é", "r", "'é'"},
		{"é", "a", `'\xe9'`},
	} {
		out, err := applyFilter(t, "stringformat", false, tt.in, tt.arg)
		if tt.want == errWant {
			if err == nil {
				t.Errorf("stringformat(%#v, %q) = %#v, want an error", tt.in, tt.arg, out)
			}
			continue
		}
		if err != nil || out != tt.want {
			t.Errorf("stringformat(%#v, %q) = %#v, %v; want %#v", tt.in, tt.arg, out, err, tt.want)
		}
	}
}

// pluralize with odd arguments: Django returns "" for more than one comma,
// and raises for an argument that is not a string.
func TestPluralizeArgs(t *testing.T) {
	for _, tt := range []struct {
		in, arg, want any
	}{
		{2, ",,", ""},
		{2, strings.Repeat(",", 100000), ""},
		{2, ",", ""},
		{1, "y,", "y"},
		{2, "", ""},
		{1, "", ""},
		{int64(1), render.NoArg{}, ""},
		{uint8(3), render.NoArg{}, "s"},
		{[]int{1}, render.NoArg{}, ""},
		{map[string]int{"a": 1, "b": 2}, render.NoArg{}, "s"},
		{struct{}{}, render.NoArg{}, ""},
		{2, 5, errWant},
	} {
		out, err := applyFilter(t, "pluralize", true, tt.in, tt.arg)
		if tt.want == errWant {
			if err == nil {
				t.Errorf("pluralize(%v, %v) = %#v, want an error", tt.in, tt.arg, out)
			}
			continue
		}
		if err != nil || out != tt.want {
			t.Errorf("pluralize(%v, %.10v) = %#v, %v; want %#v", tt.in, tt.arg, out, err, tt.want)
		}
	}
}

func TestPyFormat(t *testing.T) {
	for _, tt := range []struct {
		format string
		value  any
		want   string
	}{
		{"%5.1f%%", 12.345, " 12.3%"},
		{"%-6d|", 42, "42    |"},
		{"%+.2e", 12345.678, "+1.23e+04"},
		{"%#.3g", 1.0, "1.00"},
		{"%g", 1e-5, "1e-05"},
		{"%G", 1e20, "1E+20"},
		{"%.0f", 2.5, "2"},
		{"%.0f", 3.5, "4"},
		{"%08.3f", -3.14159, "-003.142"},
		{"%x", true, "1"},
		{"%s", nil, "None"},
		{"%(a)s-%(a)r", map[string]any{"a": "x"}, "x-'x'"},
	} {
		got, err := PyFormat(tt.format, tt.value)
		if err != nil || got != tt.want {
			t.Errorf("PyFormat(%q, %#v) = %q, %v; want %q", tt.format, tt.value, got, err, tt.want)
		}
	}
}

func BenchmarkFloatformat(b *testing.B) {
	f := Builtins()["floatformat"]
	s := newState(true)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = f.Apply(s, 1234.56789, "2g")
	}
}
