package render

import (
	"fmt"
	"math"
	"strings"
)

// LocalizeFloat prints a float as {{ }} does in Django, which localizes
// numbers (django.utils.numberformat): Python's str() of the float, except
// that a float Python would print with an exponent is written out in full
// (1e-07 is 0.0000001, 1e+21 is 1000000000000000000000) unless that takes
// more than 200 digits, when it is "%e" notation.
func LocalizeFloat(f float64) string {
	s := String(f)
	i := strings.IndexByte(s, 'e')
	if i < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return s
	}
	mant, exp := s[:i], 0
	fmt.Sscanf(s[i+1:], "%d", &exp)
	sign := ""
	if mant[0] == '-' {
		sign, mant = "-", mant[1:]
	}
	digits := strings.Replace(mant, ".", "", 1)
	point := strings.IndexByte(mant, '.')
	if point < 0 {
		point = len(mant)
	}
	point += exp // the decimal point's place in digits
	if abs(exp)+len(digits) > 200 {
		return fmt.Sprintf("%e", f)
	}
	switch {
	case point <= 0:
		return sign + "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return sign + digits + strings.Repeat("0", point-len(digits))
	}
	return sign + digits[:point] + "." + digits[point:]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
