package render

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Values are plain Go values (any): the data a template is rendered with,
// literals, and what filters return. The functions in the value_*.go files
// give them Python's and Django's meaning: truthiness, equality and order,
// printing, iteration, attribute lookup and arithmetic. Each has a fast
// path without reflection for the common types (string, SafeString, int,
// int64, float64, bool, nil, time.Time, []any, []string, []int,
// map[string]any, map[string]string, []map[string]any) and falls back to
// reflection for the rest (named types, structs, other maps and slices).

// SafeString is a string that autoescaping must never escape again
// (Django's SafeString): markup that a filter or the data marked as safe.
type SafeString string

// numKind says which field of a number holds its value.
type numKind uint8

const (
	numInt   numKind = iota + 1 // i: every int kind, and uint values up to MaxInt64
	numUint                     // u: uint values above MaxInt64
	numFloat                    // f: float32 and float64
)

// number is a Go numeric value (or a bool, which Python counts as an int)
// normalised for comparison and arithmetic.
type number struct {
	kind   numKind
	isBool bool
	i      int64
	u      uint64
	f      float64
}

// float returns n as a float64 (rounded when n is a large integer).
func (n number) float() float64 {
	switch n.kind {
	case numInt:
		return float64(n.i)
	case numUint:
		return float64(n.u)
	}
	return n.f
}

func intNumber(i int64) number     { return number{kind: numInt, i: i} }
func floatNumber(f float64) number { return number{kind: numFloat, f: f} }

func uintNumber(u uint64) number {
	if u <= math.MaxInt64 {
		return number{kind: numInt, i: int64(u)}
	}
	return number{kind: numUint, u: u}
}

// toNumber returns v as a number when v is of a numeric or bool kind.
func toNumber(v any) (number, bool) {
	switch x := v.(type) {
	case int:
		return intNumber(int64(x)), true
	case int64:
		return intNumber(x), true
	case float64:
		return floatNumber(x), true
	case bool:
		n := number{kind: numInt, isBool: true}
		if x {
			n.i = 1
		}
		return n, true
	case nil, string, SafeString:
		return number{}, false
	case int8:
		return intNumber(int64(x)), true
	case int16:
		return intNumber(int64(x)), true
	case int32:
		return intNumber(int64(x)), true
	case uint:
		return uintNumber(uint64(x)), true
	case uint8:
		return uintNumber(uint64(x)), true
	case uint16:
		return uintNumber(uint64(x)), true
	case uint32:
		return uintNumber(uint64(x)), true
	case uint64:
		return uintNumber(x), true
	case uintptr:
		return uintNumber(uint64(x)), true
	case float32:
		return floatNumber(float64(x)), true
	}
	rv := reflect.ValueOf(v)
	switch k := rv.Kind(); {
	case isIntKind(k):
		return intNumber(rv.Int()), true
	case isUintKind(k):
		return uintNumber(rv.Uint()), true
	case k == reflect.Float32, k == reflect.Float64:
		return floatNumber(rv.Float()), true
	case k == reflect.Bool:
		n := number{kind: numInt, isBool: true}
		if rv.Bool() {
			n.i = 1
		}
		return n, true
	}
	return number{}, false
}

// stringOf returns v as a string when v is of a string kind (string,
// SafeString, or another named string type).
func stringOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case SafeString:
		return string(x), true
	case nil, int, int64, float64, bool, []any, map[string]any:
		return "", false
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

// isNone reports whether v is Python's None: nil, or a nil pointer.
func isNone(v any) bool {
	if v == nil {
		return true
	}
	switch v.(type) {
	case string, SafeString, int, int64, float64, bool, []any, map[string]any, time.Time:
		return false
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// Truthy reports whether v is true in a Django {% if %}, by Python's rules:
// nil, false, zero numbers, empty strings, slices, arrays and maps, and nil
// pointers, funcs and channels are false; everything else is true
// (structs, non-nil pointers to anything, funcs, channels, time.Time, NaN).
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case SafeString:
		return x != ""
	case int:
		return x != 0
	case int64:
		return x != 0
	case float64:
		return x != 0
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	case []string:
		return len(x) > 0
	case []int:
		return len(x) > 0
	case map[string]string:
		return len(x) > 0
	case []map[string]any:
		return len(x) > 0
	case time.Time:
		return true
	}
	rv := reflect.ValueOf(v)
	switch k := rv.Kind(); k {
	case reflect.Bool:
		return rv.Bool()
	case reflect.Float32, reflect.Float64:
		return rv.Float() != 0
	case reflect.Complex64, reflect.Complex128:
		return rv.Complex() != 0
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() > 0
	case reflect.Pointer, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return !rv.IsNil()
	default:
		if isIntKind(k) {
			return rv.Int() != 0
		}
		if isUintKind(k) {
			return rv.Uint() != 0
		}
	}
	return true
}

// Len returns Python's len(v): the number of runes of a string, the
// elements of a slice, array or map, or the values buffered in a channel.
// ok is false for values without a length (nil, numbers, structs,
// pointers).
func Len(v any) (n int, ok bool) {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x), true
	case SafeString:
		return utf8.RuneCountInString(string(x)), true
	case []any:
		return len(x), true
	case map[string]any:
		return len(x), true
	case []string:
		return len(x), true
	case []int:
		return len(x), true
	case map[string]string:
		return len(x), true
	case []map[string]any:
		return len(x), true
	case nil, int, int64, float64, bool, time.Time:
		return 0, false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return utf8.RuneCountInString(rv.String()), true
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Chan:
		return rv.Len(), true
	}
	return 0, false
}

// Items lists what a Django {% for %} iterates over: the elements of a
// slice or array, the runes of a string (as one-rune strings), the keys of
// a map in order (strings by code point, numbers by value; keys of mixed
// kinds grouped: numbers, then strings, then times, then the rest by their
// String), and nothing for nil or a nil pointer. A pointer to a slice,
// array or map iterates what it points to. ok is false when v is not
// iterable: numbers, bools, structs, funcs, and also channels and
// iterators, which the caller handles. A []any is returned as is: the
// caller must not modify the result.
func Items(v any) (items []any, ok bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case []any:
		return x, true
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	case []int:
		out := make([]any, len(x))
		for i, n := range x {
			out[i] = n
		}
		return out, true
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out, true
	case map[string]any:
		return sortedStringKeys(x), true
	case map[string]string:
		return sortedStringKeys(x), true
	case string:
		return stringRunes(x), true
	case SafeString:
		return stringRunes(string(x)), true
	case int, int64, float64, bool, time.Time:
		return nil, false
	}
	rv, ok := indirect(reflect.ValueOf(v))
	if !ok {
		return nil, true
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out, true
	case reflect.Map:
		keys := sortedMapKeys(rv)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = k.Interface()
		}
		return out, true
	case reflect.String:
		return stringRunes(rv.String()), true
	}
	return nil, false
}

// indirect follows pointers and interfaces from rv to the value they lead
// to. ok is false when one of them is nil, or when the chain is longer than
// maxDepth (a pointer that points to itself).
func indirect(rv reflect.Value) (reflect.Value, bool) {
	for range maxDepth {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if rv.IsNil() {
				return rv, false
			}
			rv = rv.Elem()
		default:
			return rv, true
		}
	}
	return rv, false
}

// sortedStringKeys returns the keys of m, sorted, as a []any.
func sortedStringKeys[V any](m map[string]V) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

// stringRunes returns the runes of s as one-rune strings.
func stringRunes(s string) []any {
	out := make([]any, 0, len(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// keyRank groups map keys of mixed kinds for sorting.
func keyRank(v any) int {
	switch {
	case isNone(v):
		return 0
	}
	if _, ok := toNumber(v); ok {
		return 1
	}
	if _, ok := stringOf(v); ok {
		return 2
	}
	if _, _, ok := AsTime(v); ok {
		return 3
	}
	return 4
}

// keyOrder is the order of map keys in Items, String and Lookup's dict
// methods: by group (None, numbers, strings, times, the rest), within a
// group by value (the rest by String), ties by type name.
func keyOrder(a, b any) int {
	ra, rb := keyRank(a), keyRank(b)
	if ra != rb {
		return ra - rb
	}
	if ra >= 1 && ra <= 3 {
		if c, ok := Compare(a, b); ok && c != 0 {
			return c
		}
	}
	if ra != 1 && ra != 2 {
		if c := strings.Compare(String(a), String(b)); c != 0 {
			return c
		}
	}
	if c := strings.Compare(typeName(a), typeName(b)); c != 0 || ra != 4 {
		return c
	}
	// Keys that print alike (structs differing in unexported fields) keep
	// an order all the same. fmt's text is only compared here, never
	// shown; a map key is comparable, so it holds no slice or map, and fmt
	// prints the pointers inside it as addresses: it cannot recurse.
	return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
}

// typeName names v's type in error messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "nil"
	case SafeString:
		return "string"
	}
	return reflect.TypeOf(v).String()
}

// ToInt converts v like Python's int() does for Django's filters: int and
// uint kinds (ok is false above MaxInt64), floats truncated toward zero
// (not NaN, infinities, or values out of range), bools as 0 and 1, and
// strings (SafeString too) holding an optional sign and decimal digits,
// maybe with single underscores between digits and spaces around.
func ToInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case string:
		return parsePyInt(x)
	case SafeString:
		return parsePyInt(string(x))
	case nil:
		return 0, false
	}
	if n, ok := toNumber(v); ok {
		switch n.kind {
		case numInt:
			return n.i, true
		case numFloat:
			if math.IsNaN(n.f) || n.f < -(1<<63) || n.f >= 1<<63 {
				return 0, false
			}
			return int64(n.f), true
		}
		return 0, false
	}
	if s, ok := stringOf(v); ok {
		return parsePyInt(s)
	}
	return 0, false
}

// parsePyInt parses s as Python's int(s) does in base 10 (ASCII digits
// only), within int64.
func parsePyInt(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	digits, ok := pyDigits(s)
	if !ok {
		return 0, false
	}
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// pyDigits checks that s is Python's digitpart (digits, single underscores
// between them) and returns it without the underscores.
func pyDigits(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	under := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '_' && i > 0 && i < len(s)-1 && s[i-1] != '_':
			under = true
		default:
			return "", false
		}
	}
	if under {
		s = strings.ReplaceAll(s, "_", "")
	}
	return s, true
}

// ToFloat converts v like Python's float(): numbers and bools, and strings
// (SafeString too) such as " 1.5 ", "1e3", "-2", ".5", "1_000.5", "inf",
// "-Infinity" and "nan" (case-insensitive). ok is false otherwise.
func ToFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case string:
		return parsePyFloat(x)
	case SafeString:
		return parsePyFloat(string(x))
	case nil:
		return 0, false
	}
	if n, ok := toNumber(v); ok {
		return n.float(), true
	}
	if s, ok := stringOf(v); ok {
		return parsePyFloat(s)
	}
	return 0, false
}

// parsePyFloat parses s as Python's float(s) does.
func parsePyFloat(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if s[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case "nan":
		return math.NaN(), true
	}
	// mantissa: digitpart ["." [digitpart]] | "." digitpart; then an
	// optional exponent: ("e" | "E") [sign] digitpart.
	mant, exp := body, ""
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		mant, exp = body[:i], body[i+1:]
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if _, ok := pyDigits(exp); !ok {
			return 0, false
		}
	}
	whole, frac, dot := strings.Cut(mant, ".")
	if whole == "" && frac == "" {
		return 0, false
	}
	if whole != "" {
		if _, ok := pyDigits(whole); !ok {
			return 0, false
		}
	}
	if dot && frac != "" {
		if _, ok := pyDigits(frac); !ok {
			return 0, false
		}
	}
	if strings.Contains(s, "_") {
		s = strings.ReplaceAll(s, "_", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// Out of range is ±Inf or ±0, as in Python; anything else is bad
		// syntax that slipped through (it cannot, but be sure).
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return f, true
}
