package filters

import (
	"context"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// This file holds Django's number filters: floatformat, filesizeformat,
// divisibleby, get_digit and stringformat (Python's % formatting), and
// pongo2's float and integer.

// maxFloatformatDigits caps floatformat's precision: with more decimal
// places than this the value is returned as it is, the way Django returns
// values of more than 200 digits.
const maxFloatformatDigits = 100

// maxFormatWidth caps the width and precision of a stringformat
// conversion: a larger one returns the value unchanged.
const maxFormatWidth = 10000

// pyDecimal is a finite Python Decimal: (-1)^neg × digits × 10^exp, digits
// without leading zeros ("0" for zero).
type pyDecimal struct {
	neg     bool
	digits  string
	exp     int
	special bool // NaN or Infinity
}

// parseDecimal is Python's Decimal(s): spaces around, underscores anywhere
// (removed), a sign, digits with an optional point, an optional exponent;
// or Infinity, Inf, NaN, sNaN (any case, NaN with optional digits).
func parseDecimal(s string) (pyDecimal, bool) {
	s = trimPySpace(s)
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	var d pyDecimal
	if s != "" && (s[0] == '+' || s[0] == '-') {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	low := strings.ToLower(s)
	switch {
	case low == "inf" || low == "infinity":
		d.special = true
		return d, true
	case strings.HasPrefix(low, "nan") || strings.HasPrefix(low, "snan"):
		rest := strings.TrimPrefix(strings.TrimPrefix(low, "s"), "nan")
		for i := 0; i < len(rest); i++ {
			if rest[i] < '0' || rest[i] > '9' {
				return d, false
			}
		}
		d.special = true
		return d, true
	}
	mant, expPart, hasExp := strings.Cut(s, "e")
	if !hasExp {
		mant, expPart, hasExp = strings.Cut(s, "E")
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return d, false
	}
	exp := 0
	if hasExp {
		e := expPart
		neg := false
		if e != "" && (e[0] == '+' || e[0] == '-') {
			neg = e[0] == '-'
			e = e[1:]
		}
		if e == "" || !allDigits(e) {
			return d, false
		}
		e = strings.TrimLeft(e, "0")
		if len(e) > 9 {
			// Far beyond any value floatformat formats: keep it huge.
			e = "999999999"
		}
		n, _ := strconv.Atoi(e)
		if e == "" {
			n = 0
		}
		if neg {
			n = -n
		}
		exp = n
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	if digits == "" {
		digits = "0"
	}
	d.digits = digits
	d.exp = exp - len(frac)
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isInteger reports whether d has no fractional part.
func (d pyDecimal) isInteger() bool {
	if d.exp >= 0 {
		return true
	}
	k := -d.exp
	if k >= len(d.digits) {
		return d.digits == "0"
	}
	return strings.Trim(d.digits[len(d.digits)-k:], "0") == ""
}

// intString is '%d' % int(d): truncated toward zero.
func (d pyDecimal) intString() string {
	var s string
	switch {
	case d.exp >= 0:
		if d.digits == "0" {
			return "0"
		}
		s = d.digits + strings.Repeat("0", d.exp)
	case -d.exp >= len(d.digits):
		return "0"
	default:
		s = d.digits[:len(d.digits)+d.exp]
	}
	if d.neg {
		return "-" + s
	}
	return s
}

// quantize rounds d to places decimal places, half away from zero
// (ROUND_HALF_UP), and prints it with exactly that many places (and a
// trailing point when places is 0, as floatformat's digit list does).
func (d pyDecimal) quantize(places int) string {
	var coef []byte
	shift := d.exp + places // digits to append (>0) or drop (<0)
	if shift >= 0 {
		coef = append([]byte(d.digits), strings.Repeat("0", shift)...)
	} else {
		drop := -shift
		keep := len(d.digits) - drop
		roundUp := false
		if keep >= 0 {
			roundUp = d.digits[keep] >= '5'
			coef = []byte(d.digits[:keep])
		}
		if roundUp {
			i := len(coef) - 1
			for ; i >= 0 && coef[i] == '9'; i-- {
				coef[i] = '0'
			}
			if i >= 0 {
				coef[i]++
			} else {
				coef = append([]byte{'1'}, coef...)
			}
		}
	}
	// Strip leading zeros, then pad so there is a digit before the point.
	i := 0
	for i < len(coef) && coef[i] == '0' {
		i++
	}
	coef = coef[i:]
	zero := len(coef) == 0
	for len(coef) <= places {
		coef = append([]byte{'0'}, coef...)
	}
	var b strings.Builder
	if d.neg && !zero {
		b.WriteByte('-')
	}
	b.Write(coef[:len(coef)-places])
	b.WriteByte('.')
	b.Write(coef[len(coef)-places:])
	return b.String()
}

// numberFormat is django.utils.numberformat.format for the en locale with
// a string number: decimalPos places (cut or padded with zeros), and the
// integer part grouped by threes with "," when grouping.
func numberFormat(number string, decimalPos int, grouping bool) string {
	sign := ""
	if strings.HasPrefix(number, "-") {
		sign, number = "-", number[1:]
	}
	intPart, dec, _ := strings.Cut(number, ".")
	if len(dec) > decimalPos {
		dec = dec[:decimalPos]
	}
	dec += strings.Repeat("0", decimalPos-len(dec))
	if grouping && len(intPart) > 3 {
		var b strings.Builder
		first := len(intPart) % 3
		if first == 0 {
			first = 3
		}
		b.WriteString(intPart[:first])
		for i := first; i < len(intPart); i += 3 {
			b.WriteByte(',')
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if dec != "" {
		return sign + intPart + "." + dec
	}
	return sign + intPart
}

// floatformat is Django's floatformat. Without an argument a number is
// shown with one decimal place, or none when it is integral; a positive
// argument N always shows N places, a negative one shows |N| places unless
// the number is integral. Rounding is half away from zero on the decimal
// value of the number's text (str(float): 0.125 has three places, so
// 0.125|floatformat:2 is 0.13). A "g" suffix groups thousands with ","
// ("2g"), a "u" suffix turns localization off (the same output for the en
// locale, but "gu" then does not group, as NUMBER_GROUPING is 0).
//
// Values that are not numbers give ""; NaN and infinities, values of more
// than 200 digits and an argument that is not an integer give the value's
// text. Precisions above 100 places also give the value's text (braid's
// cap; Django would print them).
func floatformat(_ *render.State, in, arg any) (any, error) {
	grouping, l10n := false, true
	var p int64 = -1
	argVal, haveArg := arg, true
	if _, none := arg.(render.NoArg); none {
		haveArg = false
	} else if s, ok := strOf(arg); ok {
		if s == "" {
			return nil, newPyError("IndexError", "string index out of range")
		}
		switch {
		case strings.HasSuffix(s, "gu") || strings.HasSuffix(s, "ug"):
			grouping, l10n, s = true, false, s[:len(s)-2]
		case strings.HasSuffix(s, "g"):
			grouping, s = true, s[:len(s)-1]
		case strings.HasSuffix(s, "u"):
			l10n, s = false, s[:len(s)-1]
		}
		argVal = s
		if s == "" {
			haveArg = false
		}
	}
	inputVal := render.String(in)
	d, ok := parseDecimal(inputVal)
	if !ok {
		f, err := pyFloat(in)
		if err != nil {
			return "", nil
		}
		d, _ = parseDecimal(render.String(f))
	}
	if haveArg {
		n, err := pyInt64(argVal)
		if err != nil {
			if isPyError(err, "ValueError") {
				return inputVal, nil
			}
			return nil, err
		}
		p = n
	}
	if d.special {
		return inputVal, nil
	}
	if len(d.digits)+absInt(d.exp) > 200 {
		return inputVal, nil
	}
	if p > maxFloatformatDigits || p < -maxFloatformatDigits {
		return inputVal, nil
	}
	grouping = grouping && l10n // the en locale groups by 3; no l10n: NUMBER_GROUPING 0
	if d.isInteger() && p <= 0 {
		return render.SafeString(numberFormat(d.intString(), 0, grouping)), nil
	}
	places := int(p)
	if places < 0 {
		places = -places
	}
	return render.SafeString(numberFormat(d.quantize(places), places, grouping)), nil
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// filesizeformat is Django's filesizeformat: "13\u00a0KB", "4.1\u00a0MB",
// "102\u00a0bytes" (binary multiples, one decimal place, non-breaking
// spaces). A value int() cannot convert gives "0\u00a0bytes".
func filesizeformat(_ *render.State, in, _ any) (any, error) {
	n, err := pyInt(in)
	if err != nil {
		if isPyError(err, "TypeError", "ValueError") {
			return "0\u00a0bytes", nil
		}
		return nil, err
	}
	return FileSizeFormat(n), nil
}

// FileSizeFormat formats a number of bytes as Django's filesizeformat.
func FileSizeFormat(n *big.Int) string {
	neg := n.Sign() < 0
	abs := new(big.Int).Abs(n)
	var out string
	const kb = 1 << 10
	switch {
	case abs.Cmp(big.NewInt(kb)) < 0:
		b := abs.Int64()
		if b == 1 {
			out = "1\u00a0byte"
		} else {
			out = strconv.FormatInt(b, 10) + "\u00a0bytes"
		}
	default:
		units := [...]string{"KB", "MB", "GB", "TB", "PB"}
		i := 0
		for i < len(units)-1 && abs.Cmp(new(big.Int).Lsh(big.NewInt(1), uint(10*(i+2)))) >= 0 {
			i++
		}
		// Python's int / int is the correctly rounded quotient.
		q, _ := new(big.Rat).SetFrac(abs, new(big.Int).Lsh(big.NewInt(1), uint(10*(i+1)))).Float64()
		out = formatOneDecimal(q) + "\u00a0" + units[i]
	}
	if neg {
		return "-" + out
	}
	return out
}

// formatOneDecimal is number_format(round(v, 1), 1): Python's round to one
// place (correctly rounded, ties to even) printed with one place; values of
// 1e16 and more print their shortest digits in full.
func formatOneDecimal(v float64) string {
	if math.IsInf(v, 0) {
		return "inf"
	}
	if v >= 1e16 {
		// Python prints it in exponent form, so numberformat takes the
		// Decimal path: "{:f}" in full up to 200 digits, else "{:e}" with
		// the coefficient cut to one place.
		e := strconv.FormatFloat(v, 'e', -1, 64)
		mant, exp, _ := strings.Cut(e, "e")
		digits := strings.Replace(mant, ".", "", 1)
		x, _ := strconv.Atoi(exp)
		if x-(len(digits)-1)+len(digits) > 200 {
			intPart, dec, _ := strings.Cut(mant, ".")
			if dec == "" {
				dec = "0"
			}
			return intPart + "." + dec[:1] + "e" + exp
		}
		return strconv.FormatFloat(v, 'f', -1, 64) + ".0"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// divisibleby is Django's divisibleby: int(value) % int(arg) == 0. Values
// int() cannot convert, and a zero argument, are errors, as in Django.
func divisibleby(_ *render.State, in, arg any) (any, error) {
	a, err := pyInt(in)
	if err != nil {
		return nil, err
	}
	b, err := pyInt(arg)
	if err != nil {
		return nil, err
	}
	if b.Sign() == 0 {
		return nil, newPyError("ZeroDivisionError", "integer division or modulo by zero")
	}
	return new(big.Int).Rem(a, b).Sign() == 0, nil
}

// getDigit is Django's get_digit: the arg-th digit from the right of the
// integer value (1 is the last), 0 past the first digit. An argument or
// value that is not an integer string returns the value unchanged, and an
// argument below 1 returns int(value). Strings of more than 4,300 digits
// are not integers (Python's int_max_str_digits), so the work is bounded
// whatever the argument.
func getDigit(_ *render.State, in, arg any) (any, error) {
	n, err := pyInt64(arg)
	if err != nil {
		if isPyError(err, "ValueError") {
			return in, nil
		}
		return nil, err
	}
	v, err := pyInt(in)
	if err != nil {
		if isPyError(err, "ValueError") {
			return in, nil
		}
		return nil, err
	}
	if n < 1 {
		if v.IsInt64() {
			return v.Int64(), nil
		}
		return v, nil
	}
	text := v.String()
	if n > int64(len(text)) {
		return 0, nil
	}
	c := text[int64(len(text))-n]
	if c == '-' {
		return nil, newPyError("ValueError", "invalid literal for int() with base 10: '-'")
	}
	return int(c - '0'), nil
}

// floatFilter is pongo2's float: numbers as float64, strings parsed with
// strconv.ParseFloat, 0.0 for anything else.
func floatFilter(_ *render.State, in, _ any) (any, error) {
	if s, ok := strOf(in); ok {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0.0, nil
		}
		return f, nil
	}
	switch in.(type) {
	case bool, nil:
		return 0.0, nil
	}
	if f, ok := render.ToFloat(in); ok {
		return f, nil
	}
	return 0.0, nil
}

// integerFilter is pongo2's integer: integers as int, floats truncated,
// strings parsed with strconv.Atoi, 0 for anything else.
func integerFilter(_ *render.State, in, _ any) (any, error) {
	if s, ok := strOf(in); ok {
		// pongo2 parses the string as a float and truncates it.
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) || f >= math.MaxInt64 || f < math.MinInt64 {
			return 0, nil
		}
		return int(f), nil
	}
	switch in.(type) {
	case bool, nil:
		return 0, nil
	}
	switch in.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32:
		n, _ := render.ToInt(in)
		return int(n), nil
	}
	if f, ok := render.ToFloat(in); ok {
		if math.IsNaN(f) || f >= math.MaxInt64 || f < math.MinInt64 {
			return 0, nil
		}
		if n, ok := render.ToInt(in); ok {
			return int(n), nil
		}
		return int(f), nil
	}
	return 0, nil
}

// stringformat is Django's stringformat: Python's ("%" + arg) % value. A
// TypeError or ValueError of Python's formatting gives ""; a missing key of
// a mapping is an error. Widths and precisions above 10,000 return the
// value unchanged.
func stringformat(_ *render.State, in, arg any) (any, error) {
	out, err := PyFormat("%"+render.String(arg), in)
	if err != nil {
		if err == errFormatTooWide {
			return in, nil
		}
		if isPyError(err, "TypeError", "ValueError") {
			return "", nil
		}
		return nil, err
	}
	return out, nil
}

var errFormatTooWide = newPyError("ValueError", "format width or precision too large")

// PyFormat is Python's format % value for one value (a map also serves
// %(key)s conversions): the conversions s r a d i u o x X e E f F g G c
// and %%, with the flags - + space # 0, widths and precisions (also *).
// Errors are the Python exceptions: TypeError or ValueError for a bad
// format or value, KeyError for a missing key, OverflowError for %d of an
// infinity or %c out of range.
func PyFormat(format string, value any) (string, error) {
	var b strings.Builder
	used := false // the single argument was consumed
	isMap := isMapKind(value)
	nextArg := func() (any, error) {
		if used {
			return nil, newPyError("TypeError", "not enough arguments for format string")
		}
		used = true
		return value, nil
	}
	for i := 0; i < len(format); {
		pct := strings.IndexByte(format[i:], '%')
		if pct < 0 {
			b.WriteString(format[i:])
			break
		}
		b.WriteString(format[i : i+pct])
		i += pct + 1
		if i >= len(format) {
			return "", newPyError("ValueError", "incomplete format")
		}
		var spec fmtSpec
		var arg any
		haveArg := false
		if format[i] == '(' {
			depth := 1
			j := i + 1
			for j < len(format) && depth > 0 {
				switch format[j] {
				case '(':
					depth++
				case ')':
					depth--
				}
				j++
			}
			if depth > 0 {
				return "", newPyError("ValueError", "incomplete format key")
			}
			key := format[i+1 : j-1]
			if !isMap {
				return "", newPyError("TypeError", "format requires a mapping")
			}
			v, found := mapKey(value, key)
			if !found {
				return "", newPyError("KeyError", "%s", pyRepr(key))
			}
			arg, haveArg = v, true
			i = j
		}
	flags:
		for i < len(format) {
			switch format[i] {
			case '-':
				spec.minus = true
			case '+':
				spec.plus = true
			case ' ':
				spec.space = true
			case '#':
				spec.alt = true
			case '0':
				spec.zero = true
			default:
				break flags
			}
			i++
		}
		var err error
		if i < len(format) && format[i] == '*' {
			i++
			spec.width, err = starArg(nextArg, &spec)
			if err != nil {
				return "", err
			}
		} else {
			spec.width, i, err = fmtNumber(format, i)
			if err != nil {
				return "", err
			}
		}
		spec.prec = -1
		if i < len(format) && format[i] == '.' {
			i++
			if i < len(format) && format[i] == '*' {
				i++
				spec.prec, err = starArg(nextArg, nil)
				if err != nil {
					return "", err
				}
				if spec.prec < 0 {
					spec.prec = 0
				}
			} else {
				spec.prec, i, err = fmtNumber(format, i)
				if err != nil {
					return "", err
				}
			}
		}
		for i < len(format) && (format[i] == 'h' || format[i] == 'l' || format[i] == 'L') {
			i++
		}
		if i >= len(format) {
			return "", newPyError("ValueError", "incomplete format")
		}
		spec.verb = format[i]
		i++
		if spec.width > maxFormatWidth || spec.prec > maxFormatWidth {
			return "", errFormatTooWide
		}
		if spec.verb == '%' {
			b.WriteByte('%')
			continue
		}
		if !haveArg {
			if arg, err = nextArg(); err != nil {
				return "", err
			}
		}
		s, err := spec.format(arg)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if !used && !isMap {
		return "", newPyError("TypeError", "not all arguments converted during string formatting")
	}
	return b.String(), nil
}

// mapKey looks key up in a map with string keys (or any keys, compared by
// their printed form).
func mapKey(m any, key string) (any, bool) {
	switch x := m.(type) {
	case map[string]any:
		v, ok := x[key]
		return v, ok
	case map[string]string:
		v, ok := x[key]
		return v, ok
	}
	items, _ := render.Items(m)
	for _, k := range items {
		if s, ok := strOf(k); ok && s == key {
			v, _, _ := render.Lookup(context.Background(), m, key)
			return v, true
		}
	}
	return nil, false
}

func starArg(next func() (any, error), spec *fmtSpec) (int, error) {
	v, err := next()
	if err != nil {
		return 0, err
	}
	switch v.(type) {
	case int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8, bool:
	default:
		return 0, newPyError("TypeError", "* wants int")
	}
	n, _ := pyInt64(v)
	if n < 0 && spec != nil {
		spec.minus = true
		n = -n
	}
	if n > maxFormatWidth {
		return 0, errFormatTooWide
	}
	return int(n), nil
}

func fmtNumber(format string, i int) (int, int, error) {
	n := 0
	for i < len(format) && '0' <= format[i] && format[i] <= '9' {
		if n > maxFormatWidth {
			return 0, i, errFormatTooWide
		}
		n = n*10 + int(format[i]-'0')
		i++
	}
	return n, i, nil
}

// fmtSpec is one % conversion.
type fmtSpec struct {
	minus, plus, space, alt, zero bool
	width, prec                   int
	verb                          byte
}

func (f *fmtSpec) format(v any) (string, error) {
	switch f.verb {
	case 's', 'r', 'a':
		var s string
		switch f.verb {
		case 's':
			s = render.String(v)
		case 'r':
			s = reprOf(v)
		default:
			s = asciiRepr(reprOf(v))
		}
		if f.prec >= 0 {
			s = truncRunes(s, f.prec)
		}
		return f.pad("", s, false), nil
	case 'd', 'i', 'u', 'x', 'X', 'o':
		return f.formatInt(v)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		x, err := fmtFloatArg(v)
		if err != nil {
			return "", err
		}
		return f.formatFloat(x), nil
	case 'c':
		if s, ok := strOf(v); ok {
			if utf8.RuneCountInString(s) != 1 {
				return "", newPyError("TypeError", "%%c requires int or char")
			}
			return f.pad("", s, false), nil
		}
		if !isIntegral(v) {
			return "", newPyError("TypeError", "%%c requires int or char")
		}
		n, _ := pyInt64(v)
		if n < 0 || n > 0x10ffff {
			return "", newPyError("OverflowError", "%%c arg not in range(0x110000)")
		}
		return f.pad("", string(rune(n)), false), nil
	}
	return "", newPyError("ValueError", "unsupported format character '%c' (0x%x)", f.verb, f.verb)
}

// pyNumKind is 'i' for a Python int (Go integers and bools), 'f' for a
// float, 0 for anything else.
func pyNumKind(v any) byte {
	switch v.(type) {
	case int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8, uintptr, bool:
		return 'i'
	case float64, float32:
		return 'f'
	case nil, string, render.SafeString:
		return 0
	}
	switch k := reflect.ValueOf(v).Kind(); {
	case k >= reflect.Int && k <= reflect.Uintptr, k == reflect.Bool:
		return 'i'
	case k == reflect.Float32 || k == reflect.Float64:
		return 'f'
	}
	return 0
}

func isIntegral(v any) bool { return pyNumKind(v) == 'i' }

func isNumber(v any) bool { return pyNumKind(v) != 0 }

func fmtFloatArg(v any) (float64, error) {
	if !isNumber(v) {
		return 0, newPyError("TypeError", "must be real number, not %s", pyTypeName(v))
	}
	f, _ := render.ToFloat(v)
	return f, nil
}

func (f *fmtSpec) formatInt(v any) (string, error) {
	if !isNumber(v) {
		return "", newPyError("TypeError", "%%%c format: a real number is required, not %s", f.verb, pyTypeName(v))
	}
	if (f.verb == 'x' || f.verb == 'X' || f.verb == 'o') && !isIntegral(v) {
		return "", newPyError("TypeError", "%%%c format: an integer is required, not %s", f.verb, pyTypeName(v))
	}
	n, err := pyInt(v)
	if err != nil {
		return "", err
	}
	neg := n.Sign() < 0
	abs := new(big.Int).Abs(n)
	var digits, prefix string
	switch f.verb {
	case 'x':
		digits = abs.Text(16)
		if f.alt {
			prefix = "0x"
		}
	case 'X':
		digits = strings.ToUpper(abs.Text(16))
		if f.alt {
			prefix = "0X"
		}
	case 'o':
		digits = abs.Text(8)
		if f.alt {
			prefix = "0o"
		}
	default:
		digits = abs.Text(10)
	}
	if f.prec > len(digits) {
		digits = strings.Repeat("0", f.prec-len(digits)) + digits
	}
	sign := ""
	switch {
	case neg:
		sign = "-"
	case f.plus:
		sign = "+"
	case f.space:
		sign = " "
	}
	return f.pad(sign+prefix, digits, true), nil
}

func (f *fmtSpec) formatFloat(x float64) string {
	upper := f.verb == 'E' || f.verb == 'F' || f.verb == 'G'
	sign := ""
	switch {
	case math.Signbit(x) && !math.IsNaN(x):
		sign = "-"
		x = -x
	case f.plus:
		sign = "+"
	case f.space:
		sign = " "
	}
	var body string
	switch {
	case math.IsInf(x, 0):
		body = "inf"
	case math.IsNaN(x):
		body = "nan"
	default:
		prec := f.prec
		if prec < 0 {
			prec = 6
		}
		switch f.verb {
		case 'f', 'F':
			body = strconv.FormatFloat(x, 'f', prec, 64)
			if f.alt && prec == 0 {
				body += "."
			}
		case 'e', 'E':
			body = strconv.FormatFloat(x, 'e', prec, 64)
			if f.alt && prec == 0 {
				body = strings.Replace(body, "e", ".e", 1)
			}
		default:
			body = formatG(x, prec, f.alt)
		}
	}
	if upper {
		body = strings.ToUpper(body)
	}
	return f.pad(sign, body, true)
}

// formatG is C's %g as Python implements it: P significant digits (6 by
// default, at least 1), exponent notation when the exponent is below -4 or
// at least P, trailing zeros removed unless alt.
func formatG(x float64, p int, alt bool) string {
	if p == 0 {
		p = 1
	}
	e := strconv.FormatFloat(x, 'e', p-1, 64)
	at := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[at+1:])
	var s string
	if exp < -4 || exp >= p {
		mant := e[:at]
		if !alt {
			mant = trimFracZeros(mant)
		} else if !strings.Contains(mant, ".") {
			mant += "."
		}
		s = mant + e[at:]
	} else {
		s = strconv.FormatFloat(x, 'f', p-1-exp, 64)
		if !alt {
			s = trimFracZeros(s)
		} else if !strings.Contains(s, ".") {
			s += "."
		}
	}
	return s
}

func trimFracZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// pad applies the width: spaces on the left (or the right with "-"), or
// zeros between prefix and body for numbers with the "0" flag.
func (f *fmtSpec) pad(prefix, body string, numeric bool) string {
	n := utf8.RuneCountInString(prefix) + utf8.RuneCountInString(body)
	if n >= f.width {
		return prefix + body
	}
	fill := f.width - n
	switch {
	case f.minus:
		return prefix + body + strings.Repeat(" ", fill)
	case f.zero && numeric:
		return prefix + strings.Repeat("0", fill) + body
	}
	return strings.Repeat(" ", fill) + prefix + body
}

func truncRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// reprOf is Python's repr(v).
func reprOf(v any) string {
	s := render.String([]any{v})
	return s[1 : len(s)-1]
}

// asciiRepr is Python's ascii() of a repr: non-ASCII characters escaped.
func asciiRepr(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	const hex = "0123456789abcdef"
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r <= 0xff:
			b.WriteString(`\x`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		case r <= 0xffff:
			b.WriteString(`\u`)
			for k := 12; k >= 0; k -= 4 {
				b.WriteByte(hex[r>>k&0xf])
			}
		default:
			b.WriteString(`\U`)
			for k := 28; k >= 0; k -= 4 {
				b.WriteByte(hex[r>>k&0xf])
			}
		}
	}
	return b.String()
}
