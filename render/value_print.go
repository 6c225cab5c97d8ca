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

// maxDepth bounds the pointer chains that Items, Contains and Lookup follow
// and the nesting of Call's argument conversion, so that a pointer to
// itself cannot loop forever. (Walks into nested data are bounded by
// MaxNesting.)
const maxDepth = 32

// maxPrintNodes bounds the lists, dicts, structs and pointers one String
// goes into, so that data sharing its parts (a list holding one list
// twice, that one holding another twice, n levels deep: 2^n paths) cannot
// multiply the work; the rest print as markers ("[...]", "{...}", "...").
const maxPrintNodes = 1 << 20

// maxPrintBytes bounds what one String prints of the values inside a
// list, dict or struct: past it, each prints as "...". Data that holds
// one string many times (a list of a million references to one long
// string, a shared sublist n levels deep) could otherwise print far more
// than it holds.
const maxPrintBytes = 16 << 20

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
//     Python's repr: strings quoted with Python's rules;
//   - a non-nil pointer as what it points to (unless the pointer type has
//     a String or Error method);
//   - a struct in fmt's %v layout ("{Ann 42 [a b]}") with its exported
//     fields only, the ones {{ obj.field }} reaches: an embedded struct,
//     even of an unexported type, shows as a nested "{…}" of its exported
//     fields, which are promoted. The fields' values print as fmt prints
//     them (String and Error methods included), except that pointers are
//     followed rather than printed as addresses. Unexported fields never
//     show.
//
// A list, dict or pointer inside itself prints as "[...]", "{...}" (a map
// or struct) or "..." in its place, as Python prints a list that contains
// itself; so does data nested deeper than MaxNesting.
func String(v any) string {
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
		p.repr(v)
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
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return string(rv.Bytes())
		}
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if rv.IsNil() {
			return "None"
		}
		return fmt.Sprint(v) // an address
	}
	var p printer
	p.str(rv)
	return string(p.buf)
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

// printer is the one walk that prints Go data for templates: Python's
// str() and repr() for values (String, repr), fmt's %v layout for structs
// and what they hold (goValue), never an unexported field, and never a
// value inside itself or deeper than MaxNesting (path).
type printer struct {
	buf   []byte
	path  Path
	nodes int // containers gone into, up to maxPrintNodes
}

// enter puts rv, a container about to be printed, on the path; false (and
// the caller prints a marker) when it is on the path already, too deep,
// or past the node budget. After true the caller must call p.path.Leave.
func (p *printer) enter(rv reflect.Value) bool {
	if p.nodes >= maxPrintNodes || len(p.buf) >= maxPrintBytes || p.path.Enter(rv) != nil {
		return false
	}
	p.nodes++
	return true
}

// marker is what rv, a container, prints as when the walk does not go
// into it: Python's "[...]" and "{...}" (fmt's "map[...]" in the Go
// layout), "{...}" for a struct, "..." for anything else. A pointer shows
// the marker of what it leads to, as it prints as that.
func marker(rv reflect.Value, goLayout bool) string {
	for range maxDepth {
		if k := rv.Kind(); (k != reflect.Pointer && k != reflect.Interface) || rv.IsNil() {
			break
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return "[...]"
	case reflect.Map:
		if goLayout {
			return "map[...]"
		}
		return "{...}"
	case reflect.Struct:
		return "{...}"
	}
	return "..."
}

// str appends Python's str() of rv: repr, except that strings and bytes
// reached through pointers print as they are.
func (p *printer) str(rv reflect.Value) {
	for rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
			return
		}
		rv = rv.Elem()
	}
	if rv.CanInterface() {
		switch x := rv.Interface().(type) {
		case string:
			p.buf = append(p.buf, x...)
			return
		case SafeString:
			p.buf = append(p.buf, x...)
			return
		case []byte:
			p.buf = append(p.buf, x...)
			return
		case error, fmt.Stringer:
			p.repr(x)
			return
		}
	}
	switch rv.Kind() {
	case reflect.String:
		p.buf = append(p.buf, rv.String()...)
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			p.buf = append(p.buf, rv.Bytes()...)
			return
		}
		p.list(rv)
	case reflect.Pointer:
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
			return
		}
		if !p.enter(rv) {
			p.buf = append(p.buf, marker(rv, false)...)
			return
		}
		p.str(rv.Elem())
		p.path.Leave()
	default:
		p.reprValue(rv)
	}
}

// repr appends Python's repr of v, as a list shows its elements.
func (p *printer) repr(v any) {
	if len(p.buf) >= maxPrintBytes {
		p.buf = append(p.buf, "..."...)
		return
	}
	switch x := v.(type) {
	case string:
		p.buf = appendPyRepr(p.buf, x)
		return
	case SafeString:
		p.buf = appendPyRepr(p.buf, string(x))
		return
	case []byte:
		p.buf = appendPyRepr(p.buf, string(x))
		return
	case nil:
		p.buf = append(p.buf, "None"...)
		return
	case int:
		p.buf = strconv.AppendInt(p.buf, int64(x), 10)
		return
	case int64:
		p.buf = strconv.AppendInt(p.buf, x, 10)
		return
	case float64:
		p.buf = appendPyFloat(p.buf, x, 64, true)
		return
	case bool:
		if x {
			p.buf = append(p.buf, "True"...)
		} else {
			p.buf = append(p.buf, "False"...)
		}
		return
	case time.Time:
		p.buf = appendPyTime(p.buf, x)
		return
	case ZonedTime:
		p.buf = appendPyTime(p.buf, x.Time)
		return
	case error, fmt.Stringer:
		p.method(x, "None")
		return
	case []any:
		p.anyList(x)
		return
	}
	p.reprValue(reflect.ValueOf(v))
}

// reprElem is repr of an element, a key or a field reached by reflection.
func (p *printer) reprElem(rv reflect.Value) {
	if len(p.buf) >= maxPrintBytes {
		p.buf = append(p.buf, "..."...)
		return
	}
	if rv.CanInterface() {
		p.repr(rv.Interface())
	} else {
		p.reprValue(rv)
	}
}

// reprValue is repr by rv's kind, its methods aside.
func (p *printer) reprValue(rv reflect.Value) {
	switch k := rv.Kind(); k {
	case reflect.Invalid:
		p.buf = append(p.buf, "None"...)
	case reflect.Interface:
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
		} else {
			p.reprElem(rv.Elem())
		}
	case reflect.String:
		p.buf = appendPyRepr(p.buf, rv.String())
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			p.buf = appendPyRepr(p.buf, string(rv.Bytes()))
			return
		}
		p.list(rv)
	case reflect.Array:
		p.list(rv)
	case reflect.Map:
		p.dict(rv)
	case reflect.Pointer:
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
			return
		}
		if !p.enter(rv) {
			p.buf = append(p.buf, marker(rv, false)...)
			return
		}
		p.reprElem(rv.Elem())
		p.path.Leave()
	case reflect.Struct:
		p.goStruct(rv)
	case reflect.Bool:
		if rv.Bool() {
			p.buf = append(p.buf, "True"...)
		} else {
			p.buf = append(p.buf, "False"...)
		}
	case reflect.Float32, reflect.Float64:
		p.buf = appendPyFloat(p.buf, rv.Float(), rv.Type().Bits(), true)
	case reflect.Complex64, reflect.Complex128:
		p.buf = appendPyComplex(p.buf, rv.Complex(), rv.Type().Bits()/2)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if rv.IsNil() {
			p.buf = append(p.buf, "None"...)
		} else {
			p.buf = fmt.Append(p.buf, rv) // an address
		}
	default:
		if isIntKind(k) {
			p.buf = strconv.AppendInt(p.buf, rv.Int(), 10)
		} else if isUintKind(k) {
			p.buf = strconv.AppendUint(p.buf, rv.Uint(), 10)
		}
	}
}

// anyList appends a []any as a Python list, without reflection per
// element.
func (p *printer) anyList(l []any) {
	rv := reflect.ValueOf(l)
	if !p.enter(rv) {
		p.buf = append(p.buf, "[...]"...)
		return
	}
	p.buf = append(p.buf, '[')
	for i, x := range l {
		if i > 0 {
			p.buf = append(p.buf, ", "...)
		}
		p.repr(x)
	}
	p.buf = append(p.buf, ']')
	p.path.Leave()
}

// list appends a slice or array as a Python list.
func (p *printer) list(rv reflect.Value) {
	if !p.enter(rv) {
		p.buf = append(p.buf, "[...]"...)
		return
	}
	p.buf = append(p.buf, '[')
	for i := range rv.Len() {
		if i > 0 {
			p.buf = append(p.buf, ", "...)
		}
		p.reprElem(rv.Index(i))
	}
	p.buf = append(p.buf, ']')
	p.path.Leave()
}

// dict appends a map as a Python dict, its keys in Items' order.
func (p *printer) dict(rv reflect.Value) {
	// Sorting the keys needs them as values; a map that cannot give them
	// (one reached through an unexported field) is never printed anyway.
	if !rv.CanInterface() || !p.enter(rv) {
		p.buf = append(p.buf, "{...}"...)
		return
	}
	p.buf = append(p.buf, '{')
	for i, k := range sortedMapKeys(rv) {
		if i > 0 {
			p.buf = append(p.buf, ", "...)
		}
		p.reprElem(k)
		p.buf = append(p.buf, ": "...)
		p.reprElem(rv.MapIndex(k))
	}
	p.buf = append(p.buf, '}')
	p.path.Leave()
}

// goStruct appends the struct rv in fmt's %v layout, "{f1 f2}", with its
// exported fields only. An embedded struct whose type is unexported is a
// field {{ }} cannot name, but its exported fields are promoted, so it
// shows with those.
func (p *printer) goStruct(rv reflect.Value) {
	if !p.enter(rv) {
		p.buf = append(p.buf, "{...}"...)
		return
	}
	p.buf = append(p.buf, '{')
	t := rv.Type()
	n := 0
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() && !embedsStruct(f) {
			continue
		}
		if n > 0 {
			p.buf = append(p.buf, ' ')
		}
		n++
		p.goElem(rv.Field(i))
	}
	p.buf = append(p.buf, '}')
	p.path.Leave()
}

// embedsStruct reports whether f is an embedded struct or pointer to one.
func embedsStruct(f reflect.StructField) bool {
	if !f.Anonymous {
		return false
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// method appends the text of x's Error method, or else its String method
// (x is an error or a fmt.Stringer), or none for a nil x.
func (p *printer) method(x any, none string) {
	switch {
	case isNone(x):
		p.buf = append(p.buf, none...)
	case isError(x):
		p.buf = append(p.buf, methodText(x.(error).Error, "Error")...)
	default:
		p.buf = append(p.buf, methodText(x.(fmt.Stringer).String, "String")...)
	}
}

func isError(x any) bool { _, ok := x.(error); return ok }

// goElem appends a value inside a struct as fmt's %v prints it: by its
// Error or String method when it has one (and is not reached through an
// unexported field, whose methods fmt does not call either).
func (p *printer) goElem(rv reflect.Value) {
	if rv.CanInterface() && rv.Kind() != reflect.Invalid {
		switch x := rv.Interface().(type) {
		case nil:
			p.buf = append(p.buf, "<nil>"...)
			return
		case error, fmt.Stringer:
			p.method(x, "<nil>")
			return
		}
	}
	p.goValue(rv)
}

// goValue is fmt's %v by rv's kind, methods aside, except that a pointer
// prints as what it points to.
func (p *printer) goValue(rv reflect.Value) {
	switch k := rv.Kind(); k {
	case reflect.Invalid:
		p.buf = append(p.buf, "<nil>"...)
	case reflect.Interface:
		if rv.IsNil() {
			p.buf = append(p.buf, "<nil>"...)
		} else {
			p.goElem(rv.Elem())
		}
	case reflect.String:
		p.buf = append(p.buf, rv.String()...)
	case reflect.Bool:
		p.buf = strconv.AppendBool(p.buf, rv.Bool())
	case reflect.Float32, reflect.Float64:
		p.buf = strconv.AppendFloat(p.buf, rv.Float(), 'g', -1, rv.Type().Bits())
	case reflect.Complex64, reflect.Complex128:
		p.buf = append(p.buf, strconv.FormatComplex(rv.Complex(), 'g', -1, rv.Type().Bits())...)
	case reflect.Slice, reflect.Array:
		if !p.enter(rv) {
			p.buf = append(p.buf, "[...]"...)
			return
		}
		p.buf = append(p.buf, '[')
		for i := range rv.Len() {
			if i > 0 {
				p.buf = append(p.buf, ' ')
			}
			p.goElem(rv.Index(i))
		}
		p.buf = append(p.buf, ']')
		p.path.Leave()
	case reflect.Map:
		if !rv.CanInterface() || !p.enter(rv) {
			p.buf = append(p.buf, "map[...]"...)
			return
		}
		p.buf = append(p.buf, "map["...)
		for i, key := range sortedMapKeys(rv) {
			if i > 0 {
				p.buf = append(p.buf, ' ')
			}
			p.goElem(key)
			p.buf = append(p.buf, ':')
			p.goElem(rv.MapIndex(key))
		}
		p.buf = append(p.buf, ']')
		p.path.Leave()
	case reflect.Struct:
		p.goStruct(rv)
	case reflect.Pointer:
		if rv.IsNil() {
			p.buf = append(p.buf, "<nil>"...)
			return
		}
		if !p.enter(rv) {
			p.buf = append(p.buf, marker(rv, true)...)
			return
		}
		p.goElem(rv.Elem())
		p.path.Leave()
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		p.buf = fmt.Append(p.buf, rv) // an address, or <nil>
	default:
		if isIntKind(k) {
			p.buf = strconv.AppendInt(p.buf, rv.Int(), 10)
		} else if isUintKind(k) {
			p.buf = strconv.AppendUint(p.buf, rv.Uint(), 10)
		}
	}
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
