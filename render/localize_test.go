package render

import "testing"

// TestLocalizeFloat checks Django's printing of floats in {{ }}
// (numberformat.format of the float: Decimal(str(f)) with "{:f}" when
// str() has an exponent).
func TestLocalizeFloat(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"}, {1, "1.0"}, {-2.5, "-2.5"}, {1e-07, "0.0000001"}, {1.5e-07, "0.00000015"},
		{-1.5e-07, "-0.00000015"}, {1e21, "1000000000000000000000"}, {1.5e16, "15000000000000000"},
		{1e16, "10000000000000000"}, {123456789012345680, "123456789012345680"}, {1e300, "1.000000e+300"},
	} {
		if got := LocalizeFloat(tt.f); got != tt.want {
			t.Errorf("LocalizeFloat(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}
