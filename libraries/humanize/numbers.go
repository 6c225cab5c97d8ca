package humanize

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// This file holds the number filters (apnumber, intcomma, intword,
// ordinal) and the Python they rest on: int(), Decimal() of a string, and
// django.utils.numberformat for the en locale.

// apnumber is Django's apnumber: 1 to 9 spelled out ("one" … "nine"),
// following Associated Press style; any other integer is returned as
// int() made it (so "10" gives 10, 4.7 gives 4), and what int() cannot
// convert (text, None, a list) is returned unchanged.
func apnumber(_ *render.State, in, _ any) (any, error) {
	n, err := pyInt(in)
	if err != nil {
		return notInt(in, err)
	}
	if n.Sign() > 0 && n.Cmp(big.NewInt(10)) < 0 {
		return apWords[n.Int64()-1], nil
	}
	return intResult(in, n), nil
}

var apWords = [9]string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// ordinal is Django's ordinal: "1st", "2nd", "3rd", "4th", "11th",
// "12th", "13th", "21st", "101st", "111th" (a safe string), for any
// integer int() gives; a negative one is returned as its text ("-1"), and
// what int() cannot convert is returned unchanged.
func ordinal(_ *render.State, in, _ any) (any, error) {
	n, err := pyInt(in)
	if err != nil {
		return notInt(in, err)
	}
	text := n.String()
	if n.Sign() < 0 {
		return text, nil
	}
	hundreds := new(big.Int).Rem(n, big.NewInt(100)).Int64()
	suffix := "th"
	if hundreds < 11 || hundreds > 13 {
		switch hundreds % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return render.SafeString(text + suffix), nil
}

// intwordUnits are Django's intword_converters: the power of ten each
// word stands for, from million to decillion, then googol.
var intwordUnits = [...]struct {
	exp  int64
	word string
}{
	{6, "million"}, {9, "billion"}, {12, "trillion"}, {15, "quadrillion"},
	{18, "quintillion"}, {21, "sextillion"}, {24, "septillion"},
	{27, "octillion"}, {30, "nonillion"}, {33, "decillion"}, {100, "googol"},
}

// intword is Django's intword: an integer of at least a million (in
// absolute value) as a number of the largest unit below it with one
// decimal place, "1.0 million", "1.2 million", "-3.5 sextillion", "8.1
// decillion", "1.0 googol". The number is floatformat(value / unit, 1):
// the float's shortest digits rounded half up, so 1,250,000 is "1.3
// million" and 999,999,999 is "1000.0 million", as in Django. Values
// below a million, and from 10^103 on, are returned as int() made them;
// what int() cannot convert is returned unchanged.
func intword(_ *render.State, in, _ any) (any, error) {
	n, err := pyInt(in)
	if err != nil {
		return notInt(in, err)
	}
	abs := new(big.Int).Abs(n)
	if abs.Cmp(big.NewInt(1000000)) < 0 {
		return intResult(in, n), nil
	}
	for _, u := range intwordUnits {
		unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(u.exp), nil)
		if abs.Cmp(new(big.Int).Mul(unit, big.NewInt(1000))) < 0 {
			// Python's int / int: the correctly rounded quotient.
			f, _ := new(big.Rat).SetFrac(n, unit).Float64()
			return floatformat1(f) + " " + u.word, nil
		}
	}
	return intResult(in, n), nil
}

// floatformat1 is Django's floatformat(f, 1) for a finite float: the
// decimal value of its shortest digits (Python's repr) rounded half up to
// one place, with no sign on a zero.
func floatformat1(f float64) string {
	e := strconv.FormatFloat(f, 'e', -1, 64) // [-]d.ddde±xx
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	mant, expText, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expText)
	// f is digits × 10^(exp-len(digits)+1); tenths = f × 10.
	k := exp - len(digits) + 2
	var tenths []byte
	if k >= 0 {
		tenths = append([]byte(digits), strings.Repeat("0", k)...)
	} else if keep := len(digits) + k; keep >= 0 {
		tenths = []byte(digits[:keep])
		if digits[keep] >= '5' {
			tenths = incDecimal(tenths)
		}
	}
	tenths = []byte(strings.TrimLeft(string(tenths), "0"))
	zero := len(tenths) == 0
	for len(tenths) < 2 {
		tenths = append([]byte{'0'}, tenths...)
	}
	out := string(tenths[:len(tenths)-1]) + "." + string(tenths[len(tenths)-1:])
	if neg && !zero {
		return "-" + out
	}
	return out
}

// incDecimal adds one to a string of decimal digits.
func incDecimal(d []byte) []byte {
	i := len(d) - 1
	for ; i >= 0 && d[i] == '9'; i-- {
		d[i] = '0'
	}
	if i < 0 {
		return append([]byte{'1'}, d...)
	}
	d[i]++
	return d
}

// intcomma is Django's intcomma: a number with a comma between every
// three digits of its integer part, "4,500", "45,000", "-1,234,567.25",
// "1,234,567.1234567" (a safe string when the input was).
//
// Without an argument (or with a true one) it is Django's default path,
// number_format(value, force_grouping=True) with the en locale's formats:
// integers, floats and strings that Python's Decimal() reads (" 1e3 " is
// "1,000", "1_000" is "1,000", "１２３" is "123") are formatted in full; a
// float Python prints with an exponent is written out ("1e+16" is
// "10,000,000,000,000,000"), and a number whose digits and exponent add
// up to more than 200 is shown in exponent form ("1e+300"), as
// numberformat does. A string Decimal() reads as NaN or Infinity is an
// error, as Django raises TypeError on it. There is no Decimal type in
// Go: a Decimal is passed as its string ("1234567.1234567").
//
// With a false argument ({{ n|intcomma:False }}, Django's use_l10n=False),
// and for anything Decimal() cannot read, it is Django's locale-free
// path: the value's text, whose leading run of digits (after an optional
// "-") gets the commas, the rest unchanged ("1234.5abc" is "1,234.5abc",
// None is "None").
//
// braid has no locales yet: the default path is Django's for its default
// LANGUAGE_CODE, the en locale, whose "," between thousands and "."
// before decimals are also what the locale-free path writes, so neither
// depends on a locale or on USE_L10N (gone from Django 5). The two paths
// differ only where Decimal() and the text disagree: exponent forms,
// spaces, "+" and underscores in strings, and booleans (True is "1", or
// "True" with False).
func intcomma(_ *render.State, in, arg any) (any, error) {
	if _, none := arg.(render.NoArg); none || render.Truthy(arg) {
		out, ok, err := intcommaL10n(in)
		if ok || err != nil {
			return out, err
		}
	}
	return intcommaText(render.String(in)), nil
}

// intcommaL10n is intcomma's default path: Decimal(value) (a float as it
// is) formatted by numberformat with grouping; ok is false when Decimal()
// cannot read the value.
func intcommaL10n(in any) (out string, ok bool, err error) {
	v := classify(in)
	switch v.kind {
	case pyInteger:
		out, err = numberFormat(decimal{neg: v.n.Sign() < 0, digits: new(big.Int).Abs(v.n).String()})
		return out, true, err
	case pyFloat:
		// numberformat: a float whose str() has an exponent is formatted
		// as Decimal(str(value)), any other as its str().
		if strings.ContainsAny(v.text, "eE") {
			d, _ := parseDecimal(v.text)
			out, err = numberFormat(d)
			return out, true, err
		}
		return groupNumber(v.text), true, nil
	case pyString:
		d, ok := parseDecimal(v.text)
		if !ok {
			return "", false, nil
		}
		out, err = numberFormat(d)
		return out, true, err
	}
	return "", false, nil
}

// numberFormat is django.utils.numberformat.format(d, ".", grouping=3,
// thousand_sep=",", force_grouping=True) for a Decimal.
func numberFormat(d decimal) (string, error) {
	if d.special {
		// as_tuple() of NaN or Infinity has a letter for its exponent,
		// and abs() of it fails.
		return "", errors.New("TypeError: bad operand type for abs(): 'str' (intcomma of a NaN or Infinity Decimal)")
	}
	if absInt(d.exp)+len(d.digits) > 200 {
		// "{:e}" of the Decimal; its coefficient has one digit before
		// the point, so grouping leaves it alone.
		return d.sci(), nil
	}
	return groupNumber(d.fixed()), nil
}

// groupNumber puts "," between every three digits of the integer part of
// a number's text ([-]digits[.digits]).
func groupNumber(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, dec, hasDec := strings.Cut(s, ".")
	if hasDec {
		dec = "." + dec
	}
	return sign + groupDigits(intPart) + dec
}

// groupDigits puts "," between every three characters of s, from the right.
func groupDigits(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n/3)
	i := 0
	for _, r := range s {
		if i > 0 && (n-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// intcommaText is intcomma(value, use_l10n=False) on str(value): the
// commas go into the first match of -?\d+ at the start (\d is any Unicode
// decimal digit, kept as it is).
func intcommaText(s string) string {
	start := 0
	if strings.HasPrefix(s, "-") {
		start = 1
	}
	end := start
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsDigit(r) {
			break
		}
		end += size
	}
	if end == start {
		return s
	}
	return s[:start] + groupDigits(s[start:end]) + s[end:]
}

// The kinds of value Python would see in a Go value.
const (
	pyOther   = iota
	pyInteger // an int (a Go integer, a *big.Int) or a bool
	pyFloat
	pyString
)

// pyValue is a Go value as Python sees it.
type pyValue struct {
	kind  int
	n     *big.Int // pyInteger
	isInt bool     // pyInteger that is not a bool: int(v) is v
	f     float64  // pyFloat
	text  string   // pyFloat: str(v); pyString: the string
}

var bigIntType = reflect.TypeFor[*big.Int]()

// classify sorts v into Python's int, float and str, looking through
// pointers; nil, nil pointers and every other type are pyOther.
func classify(v any) pyValue {
	switch x := v.(type) {
	case nil:
		return pyValue{}
	case string:
		return pyValue{kind: pyString, text: x}
	case render.SafeString:
		return pyValue{kind: pyString, text: string(x)}
	case int:
		return pyValue{kind: pyInteger, n: big.NewInt(int64(x)), isInt: true}
	case int64:
		return pyValue{kind: pyInteger, n: big.NewInt(x), isInt: true}
	case float64:
		return pyValue{kind: pyFloat, f: x, text: render.String(x)}
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && rv.Type() != bigIntType {
		if rv.IsNil() {
			return pyValue{}
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Bool:
		n := int64(0)
		if rv.Bool() {
			n = 1
		}
		return pyValue{kind: pyInteger, n: big.NewInt(n)}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return pyValue{kind: pyInteger, n: big.NewInt(rv.Int()), isInt: true}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return pyValue{kind: pyInteger, n: new(big.Int).SetUint64(rv.Uint()), isInt: true}
	case reflect.Float32:
		// str() of the value as braid prints it: a float32 with its own
		// shortest digits.
		return pyValue{kind: pyFloat, f: rv.Float(), text: render.String(float32(rv.Float()))}
	case reflect.Float64:
		return pyValue{kind: pyFloat, f: rv.Float(), text: render.String(rv.Float())}
	case reflect.String:
		return pyValue{kind: pyString, text: rv.String()}
	case reflect.Pointer: // *big.Int
		if !rv.IsNil() {
			return pyValue{kind: pyInteger, n: rv.Interface().(*big.Int), isInt: true}
		}
	}
	return pyValue{}
}

// errNotInt is int()'s TypeError or ValueError, which the filters catch
// to return the value unchanged.
var errNotInt = errors.New("not an integer")

// notInt is what a filter returns when int() fails: the value unchanged
// for a TypeError or ValueError, the error otherwise (OverflowError).
func notInt(in any, err error) (any, error) {
	if err == errNotInt {
		return in, nil
	}
	return nil, err
}

// maxIntDigits is Python's default int_max_str_digits: int() of a longer
// string is a ValueError.
const maxIntDigits = 4300

// pyInt is Python's int(v): integers and bools, floats truncated toward
// zero (NaN is a ValueError, infinities an OverflowError), and strings of
// an optional sign and decimal digits (any Unicode decimal digits, single
// underscores between them, whitespace around). Errors other than
// errNotInt are exceptions Django does not catch.
func pyInt(v any) (*big.Int, error) {
	x := classify(v)
	switch x.kind {
	case pyInteger:
		return x.n, nil
	case pyFloat:
		switch {
		case math.IsNaN(x.f):
			return nil, errNotInt
		case math.IsInf(x.f, 0):
			return nil, errors.New("OverflowError: cannot convert float infinity to integer")
		}
		n, _ := new(big.Float).SetFloat64(x.f).Int(nil)
		return n, nil
	case pyString:
		return parseInt(x.text)
	}
	return nil, errNotInt
}

// intResult is what a filter returns for a value it leaves as int() made
// it: the value itself when it is already an integer, else the integer
// (an int64, or a *big.Int beyond).
func intResult(in any, n *big.Int) any {
	if classify(in).isInt {
		return in
	}
	if n.IsInt64() {
		return n.Int64()
	}
	return n
}

// parseInt is Python's int(s) in base 10.
func parseInt(s string) (*big.Int, error) {
	a, ok := asciiNumber(s, false)
	if !ok {
		return nil, errNotInt
	}
	neg := false
	if a != "" && (a[0] == '+' || a[0] == '-') {
		neg, a = a[0] == '-', a[1:]
	}
	// Digits, with single underscores between them.
	if a == "" || a[0] == '_' || a[len(a)-1] == '_' || strings.Contains(a, "__") {
		return nil, errNotInt
	}
	a = strings.ReplaceAll(a, "_", "")
	if !allDigits(a) || len(a) > maxIntDigits {
		return nil, errNotInt
	}
	n, ok := new(big.Int).SetString(a, 10)
	if !ok {
		return nil, errNotInt
	}
	if neg {
		n.Neg(n)
	}
	return n, nil
}

// asciiNumber is what Python's int() (forDecimal false) and Decimal()
// parse of s: whitespace around it removed, Unicode decimal digits turned
// into ASCII ones, and for Decimal underscores removed. ok is false for
// whitespace inside or any other non-ASCII character. int() keeps the
// ASCII separators \x1c to \x1f, which Decimal() strips as whitespace.
func asciiNumber(s string, forDecimal bool) (string, bool) {
	space := isPySpace
	if !forDecimal {
		space = isIntSpace
	}
	s = strings.TrimFunc(s, space)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == 0 || space(rune(s[i])) || forDecimal && s[i] == '_' {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '_' && forDecimal:
		case r > 0 && r < utf8.RuneSelf && !space(r):
			b.WriteRune(r)
		case unicode.IsDigit(r):
			b.WriteByte(byte('0' + digitValue(r)))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// isPySpace is Python's str.isspace for one character.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// isIntSpace is the whitespace int() strips: ASCII's, and any Unicode
// whitespace beyond ASCII.
func isIntSpace(r rune) bool {
	return unicode.IsSpace(r)
}

// digitValue is the value of a Unicode decimal digit: decimal digits come
// in runs of whole sets from zero to nine.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	k := 0
	for unicode.IsDigit(r - rune(k) - 1) {
		k++
	}
	return k % 10
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// decimal is a Python Decimal: (-1)^neg × digits × 10^exp, digits without
// leading zeros ("0" for zero), or NaN or Infinity (special).
type decimal struct {
	neg     bool
	digits  string
	exp     int
	special bool
}

// maxExpDigits bounds the exponent of a Decimal string; beyond it the
// string is not read as a number (Python's own limit is 10^18).
const maxExpDigits = 18

// parseDecimal is Python's Decimal(s): [sign] digits [. digits] [e [sign]
// digits], or Infinity, Inf, NaN, sNaN with optional digits (any case),
// after asciiNumber.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	a, ok := asciiNumber(s, true)
	if !ok {
		return d, false
	}
	if a != "" && (a[0] == '+' || a[0] == '-') {
		d.neg, a = a[0] == '-', a[1:]
	}
	switch low := strings.ToLower(a); {
	case low == "inf" || low == "infinity":
		d.special = true
		return d, true
	case strings.HasPrefix(low, "nan") || strings.HasPrefix(low, "snan"):
		d.special = true
		return d, allDigits(strings.TrimPrefix(strings.TrimPrefix(low, "s"), "nan"))
	}
	mant, expText, hasExp := strings.Cut(strings.ToLower(a), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return d, false
	}
	exp := 0
	if hasExp {
		neg := false
		if expText != "" && (expText[0] == '+' || expText[0] == '-') {
			neg, expText = expText[0] == '-', expText[1:]
		}
		if expText == "" || !allDigits(expText) {
			return d, false
		}
		if expText = strings.TrimLeft(expText, "0"); len(expText) > maxExpDigits {
			return d, false
		}
		exp, _ = strconv.Atoi("0" + expText)
		if neg {
			exp = -exp
		}
	}
	d.digits = strings.TrimLeft(intPart+frac, "0")
	if d.digits == "" {
		d.digits = "0"
	}
	d.exp = exp - len(frac)
	return d, true
}

// fixed is "{:f}".format(d): every digit, no exponent.
func (d decimal) fixed() string {
	digits, exp := d.digits, d.exp
	if digits == "0" && exp > 0 {
		exp = 0
	}
	var intPart, frac string
	switch point := exp + len(digits); {
	case point <= 0:
		intPart, frac = "0", strings.Repeat("0", -point)+digits
	case point >= len(digits):
		intPart = digits + strings.Repeat("0", point-len(digits))
	default:
		intPart, frac = digits[:point], digits[point:]
	}
	s := intPart
	if frac != "" {
		s += "." + frac
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

// sci is "{:e}".format(d): every digit, one before the point, and the
// exponent with its sign ("1.5e+300").
func (d decimal) sci() string {
	s := d.digits[:1]
	if len(d.digits) > 1 {
		s += "." + d.digits[1:]
	}
	exp := d.exp + len(d.digits) - 1
	if exp >= 0 {
		s += "e+" + strconv.Itoa(exp)
	} else {
		s += "e" + strconv.Itoa(exp)
	}
	if d.neg {
		s = "-" + s
	}
	return s
}
