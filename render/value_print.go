package render

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxDepth bounds how deeply String, Equal, Compare and Call's argument
// conversion descend into nested values, so that a value containing itself
// (a []any holding itself, a pointer to itself) cannot recurse forever.
const maxDepth = 32

// String prints v as Django prints a value, that is as Python's str():
//
//   - string and SafeString as they are, []byte as a string;
//   - nil and nil pointers, funcs and channels as "None", bools as "True"
//     and "False", integers in decimal;
//   - floats as Python's repr: the shortest digits that round-trip, fixed
//     notation when 1e-4 <= |v| < 1e16 with ".0" added to integral values
//     ("1.0", "-0.0"), otherwise exponent notation with at least two
//     exponent digits ("1e+16", "1.5e-07"); "inf", "-inf" and "nan". A
//     float32 prints its own shortest digits;
//   - time.Time as Python's str(datetime) of an aware datetime:
//     "2006-01-02 15:04:05", ".000123" when the microseconds are not
//     zero, then the UTC offset, "+00:00" (with seconds when it has any);
//   - an error or fmt.Stringer by its Error or String method (a panic in
//     it prints as fmt prints one);
//   - slices and arrays as a Python list ("[1, 'a', None, True]"), maps as a
//     Python dict with sorted keys ("{'a': 1, 'b': 2}"), the elements by
//     Python's repr: strings quoted with Python's rules. A list or dict
//     inside itself prints as "[...]" or "{...}", as in Python;
//   - a non-nil pointer as what it points to (unless the pointer type has
//     a String or Error method);
//   - structs and anything else as fmt.Sprint (a struct whose slices or maps
//     contain themselves as "TypeName{...}", since fmt would not stop).
func String(v any) string {
	return stringDepth(v, 0)
}

// stringDepth is String for a value reached through depth pointers.
func stringDepth(v any, depth int) string {
	switch x := v.(type) {
	case string:
		return x
	case SafeString:
		return string(x)
	case nil:
		return "None"
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return string(appendPyFloat(nil, x, 64, true))
	case bool:
		if x {
			return "True"
		}
		return "False"
	case time.Time:
		return string(appendPyTime(nil, x))
	case ZonedTime:
		return string(appendPyTime(nil, x.Time))
	case []byte:
		return string(x)
	case []string:
		b := append([]byte(nil), '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendPyRepr(b, s)
		}
		return string(append(b, ']'))
	case []int:
		b := append([]byte(nil), '[')
		for i, n := range x {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendInt(b, int64(n), 10)
		}
		return string(append(b, ']'))
	case []any, map[string]any, map[string]string, []map[string]any:
		var p printer
		p.repr(v, depth)
		return string(p.buf)
	case error:
		if isNone(x) {
			return "None"
		}
		return methodText(x.Error, "Error")
	case fmt.Stringer:
		if isNone(x) {
			return "None"
		}
		return methodText(x.String, "String")
	}
	rv := reflect.ValueOf(v)
	switch k := rv.Kind(); k {
	case reflect.Bool:
		if rv.Bool() {
			return "True"
		}
		return "False"
	case reflect.Float32, reflect.Float64:
		return string(appendPyFloat(nil, rv.Float(), rv.Type().Bits(), true))
	case reflect.Complex64, reflect.Complex128:
		return string(appendPyComplex(nil, rv.Complex(), rv.Type().Bits()/2))
	case reflect.String:
		return rv.String()
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return string(rv.Bytes())
		}
		var p printer
		p.repr(v, depth)
		return string(p.buf)
	case reflect.Array, reflect.Map:
		var p printer
		p.repr(v, depth)
		return string(p.buf)
	case reflect.Pointer:
		if rv.IsNil() {
			return "None"
		}
		if depth >= maxDepth {
			return "..."
		}
		return stringDepth(rv.Elem().Interface(), depth+1)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if rv.IsNil() {
			return "None"
		}
	case reflect.Struct:
		return sprintStruct(v)
	default:
		if isIntKind(k) {
			return strconv.FormatInt(rv.Int(), 10)
		}
		if isUintKind(k) {
			return strconv.FormatUint(rv.Uint(), 10)
		}
	}
	return fmt.Sprint(v)
}

// methodText calls a String or Error method, turning a panic into text the
// way fmt does.
func methodText(f func() string, name string) (s string) {
	defer func() {
		if p := recover(); p != nil {
			s = fmt.Sprintf("%%!v(PANIC=%s method: %v)", name, p)
		}
	}()
	return f()
}

// printer builds Python's repr of lists and dicts.
type printer struct {
	buf []byte
	// open holds the lists and dicts being printed, to print one found
	// inside itself as "[...]" or "{...}".
	open []identity
}

// identity tells a slice or map apart from others: its data pointer, and
// for a slice its length.
type identity struct {
	ptr uintptr
	n   int
}

// repr appends Python's repr of v, nested depth deep.
func (p *printer) repr(v any, depth int) {
	switch x := v.(type) {
	case string:
		p.buf = appendPyRepr(p.buf, x)
		return
	case SafeString:
		p.buf = appendPyRepr(p.buf, string(x))
		return
	case nil, int, int64, float64, bool, time.Time:
		p.buf = append(p.buf, stringDepth(v, depth)...)
		return
	case []byte:
		p.buf = appendPyRepr(p.buf, string(x))
		return
	case error, fmt.Stringer:
		p.buf = append(p.buf, stringDepth(v, depth)...)
		return
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		p.buf = appendPyRepr(p.buf, rv.String())
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			p.buf = appendPyRepr(p.buf, string(rv.Bytes()))
			return
		}
		p.list(rv, depth)
	case reflect.Array:
		p.list(rv, depth)
	case reflect.Map:
		p.dict(rv, depth)
	case reflect.Pointer:
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
		} else if depth >= maxDepth {
			p.buf = append(p.buf, "..."...)
		} else {
			p.repr(rv.Elem().Interface(), depth+1)
		}
	default:
		p.buf = append(p.buf, stringDepth(v, depth)...)
	}
}

// enter reports whether the slice or map rv may be printed: it is not
// already being printed and the nesting is not too deep. When it returns
// true the caller must call p.leave afterwards.
func (p *printer) enter(rv reflect.Value, depth int) bool {
	if depth >= maxDepth {
		return false
	}
	id := identity{n: -1}
	switch rv.Kind() {
	case reflect.Slice:
		if rv.Len() == 0 {
			id.ptr = 0
		} else {
			id = identity{ptr: rv.Pointer(), n: rv.Len()}
		}
	case reflect.Map:
		id.ptr = rv.Pointer()
	}
	if id.ptr != 0 {
		for _, o := range p.open {
			if o == id {
				return false
			}
		}
	}
	p.open = append(p.open, id)
	return true
}

func (p *printer) leave() { p.open = p.open[:len(p.open)-1] }

// list appends a slice or array as a Python list.
func (p *printer) list(rv reflect.Value, depth int) {
	if !p.enter(rv, depth) {
		p.buf = append(p.buf, "[...]"...)
		return
	}
	defer p.leave()
	p.buf = append(p.buf, '[')
	for i := range rv.Len() {
		if i > 0 {
			p.buf = append(p.buf, ", "...)
		}
		p.repr(rv.Index(i).Interface(), depth+1)
	}
	p.buf = append(p.buf, ']')
}

// dict appends a map as a Python dict, its keys in Items' order.
func (p *printer) dict(rv reflect.Value, depth int) {
	if !p.enter(rv, depth) {
		p.buf = append(p.buf, "{...}"...)
		return
	}
	defer p.leave()
	p.buf = append(p.buf, '{')
	for i, k := range sortedMapKeys(rv) {
		if i > 0 {
			p.buf = append(p.buf, ", "...)
		}
		p.repr(k.Interface(), depth+1)
		p.buf = append(p.buf, ": "...)
		p.repr(rv.MapIndex(k).Interface(), depth+1)
	}
	p.buf = append(p.buf, '}')
}

// appendPyRepr appends Python's repr of the string s: single quotes unless
// s contains ' and no ", backslash escapes for the quote, \\, \t, \n, \r,
// and \xhh, \uhhhh or \Uhhhhhhhh for what is not printable (a byte that
// is not UTF-8 as \xhh).
func appendPyRepr(b []byte, s string) []byte {
	quote := byte('\'')
	if containsByte(s, '\'') && !containsByte(s, '"') {
		quote = '"'
	}
	b = append(b, quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = appendHexEscape(b, 'x', uint32(s[i]), 2)
		case r == rune(quote) || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\t':
			b = append(b, `\t`...)
		case r == '\n':
			b = append(b, `\n`...)
		case r == '\r':
			b = append(b, `\r`...)
		case r < utf8.RuneSelf && r >= ' ' && r != 0x7f:
			b = append(b, byte(r))
		case r >= utf8.RuneSelf && unicode.IsPrint(r):
			b = append(b, s[i:i+size]...)
		case r <= 0xff:
			b = appendHexEscape(b, 'x', uint32(r), 2)
		case r <= 0xffff:
			b = appendHexEscape(b, 'u', uint32(r), 4)
		default:
			b = appendHexEscape(b, 'U', uint32(r), 8)
		}
		i += size
	}
	return append(b, quote)
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

// appendHexEscape appends \<kind> and n lower-case hex digits of x.
func appendHexEscape(b []byte, kind byte, x uint32, n int) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '\\', kind)
	for i := n - 1; i >= 0; i-- {
		b = append(b, hex[(x>>(4*i))&0xf])
	}
	return b
}

// appendPyFloat appends Python's repr of f, computed with the shortest
// digits for bitSize (32 or 64). addDot adds ".0" to an integral value in
// fixed notation, as repr does (complex parts go without).
func appendPyFloat(b []byte, f float64, bitSize int, addDot bool) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	case math.IsNaN(f):
		return append(b, "nan"...)
	}
	var tmp [40]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, bitSize)
	// e is [-]d[.ddd]e±dd[d]
	at := len(e) - 1
	for e[at] != 'e' {
		at--
	}
	exp, _ := strconv.Atoi(string(e[at+1:]))
	if exp < -4 || exp >= 16 {
		return append(b, e...)
	}
	mant := e[:at]
	if mant[0] == '-' {
		b = append(b, '-')
		mant = mant[1:]
	}
	var digits [20]byte
	d := append(digits[:0], mant[0])
	if len(mant) > 2 {
		d = append(d, mant[2:]...)
	}
	if exp < 0 {
		b = append(b, '0', '.')
		for range -exp - 1 {
			b = append(b, '0')
		}
		return append(b, d...)
	}
	if len(d) <= exp+1 {
		b = append(b, d...)
		for range exp + 1 - len(d) {
			b = append(b, '0')
		}
		if addDot {
			b = append(b, '.', '0')
		}
		return b
	}
	b = append(b, d[:exp+1]...)
	b = append(b, '.')
	return append(b, d[exp+1:]...)
}

// appendPyComplex appends Python's repr of c: "2j", "(1+2j)", "(-0-2j)".
func appendPyComplex(b []byte, c complex128, bitSize int) []byte {
	re, im := real(c), imag(c)
	if re == 0 && !math.Signbit(re) {
		b = appendPyFloat(b, im, bitSize, false)
		return append(b, 'j')
	}
	b = append(b, '(')
	b = appendPyFloat(b, re, bitSize, false)
	if !math.Signbit(im) || math.IsNaN(im) {
		b = append(b, '+')
	}
	b = appendPyFloat(b, im, bitSize, false)
	return append(b, 'j', ')')
}

// appendPyTime appends Python's str() of an aware datetime.
func appendPyTime(b []byte, t time.Time) []byte {
	b = t.AppendFormat(b, "2006-01-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		b = appendPadded(b, us, 6)
	}
	_, off := t.Zone()
	if off < 0 {
		b = append(b, '-')
		off = -off
	} else {
		b = append(b, '+')
	}
	b = appendPadded(b, off/3600, 2)
	b = append(b, ':')
	b = appendPadded(b, off/60%60, 2)
	if off%60 != 0 {
		b = append(b, ':')
		b = appendPadded(b, off%60, 2)
	}
	return b
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// sprintStruct prints a struct with fmt.Sprint, unless a slice or map in it
// contains itself: fmt would recurse until the stack overflowed.
func sprintStruct(v any) string {
	rv := reflect.ValueOf(v)
	if typeMayCycle(rv.Type(), 0) && !fmtSafe(rv, 0, nil) {
		return rv.Type().String() + "{...}"
	}
	return fmt.Sprint(v)
}

// typeMayCycle reports whether a value of type t could reach itself the
// way fmt walks values: through interfaces, slices and maps (fmt prints a
// nested pointer as an address, so pointers end the walk).
func typeMayCycle(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Slice, reflect.Array:
		return typeMayCycle(t.Elem(), depth+1)
	case reflect.Map:
		return typeMayCycle(t.Key(), depth+1) || typeMayCycle(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if typeMayCycle(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// fmtSafe reports whether fmt can print rv without meeting a slice or map
// inside itself (open holds those being walked) or nesting too deep.
func fmtSafe(rv reflect.Value, depth int, open []identity) bool {
	if depth > 4*maxDepth {
		return false
	}
	switch rv.Kind() {
	case reflect.Interface:
		return rv.IsNil() || fmtSafe(rv.Elem(), depth+1, open)
	case reflect.Struct:
		for i := range rv.NumField() {
			if typeMayCycle(rv.Type().Field(i).Type, 0) && !fmtSafe(rv.Field(i), depth+1, open) {
				return false
			}
		}
	case reflect.Slice, reflect.Map:
		if rv.Len() == 0 {
			return true
		}
		id := identity{ptr: rv.Pointer(), n: -1}
		if rv.Kind() == reflect.Slice {
			id.n = rv.Len()
		}
		for _, o := range open {
			if o == id {
				return false
			}
		}
		open = append(open, id)
		if rv.Kind() == reflect.Map {
			for it := rv.MapRange(); it.Next(); {
				if !fmtSafe(it.Key(), depth+1, open) || !fmtSafe(it.Value(), depth+1, open) {
					return false
				}
			}
			return true
		}
		fallthrough
	case reflect.Array:
		if !typeMayCycle(rv.Type().Elem(), 0) {
			return true
		}
		for i := range rv.Len() {
			if !fmtSafe(rv.Index(i), depth+1, open) {
				return false
			}
		}
	}
	return true
}
