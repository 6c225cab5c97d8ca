package render

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"unicode/utf8"
	"unsafe"
)

// Lookup resolves v.key the way a Django variable does, in Django's order:
//
//  1. a map whose key kind is string (or interface) is indexed by key; a map
//     with integer keys, or interface keys that hold integers, by key's
//     decimal value;
//  2. a struct field or a method by its exact Go name: exported names only,
//     through pointers and interfaces, promoted fields and methods of
//     embedded types included. A method taking no argument, or exactly one
//     context.Context (ctx is passed), and returning T, (T, error) or error
//     is called and its result is the value;
//  3. when key is a decimal integer (negative counts from the end, as in
//     Python), an element of a slice or array, or a rune of a string
//     (returned as a one-rune string);
//  4. a map without the key offers Python's dict methods "items" (a []any
//     of []any{key, value} pairs), "keys" and "values", ordered by key as
//     Items orders map keys.
//
// Func values stored in maps, fields or slices are returned as they are,
// not called: the caller decides whether they are lazy values, calls with
// arguments, or Django-style callables (see Call).
//
// found is false when nothing matches, which is a missing variable, not an
// error: for nil values, nil pointers and maps, absent keys, unexported
// fields, and methods of other signatures (Method reaches those). Under a
// render's MethodsNone policy (carried by ctx), a method is a *MethodError
// and is not called. err is
// non-nil only when user code failed: a method returned a non-nil error (it
// is returned as is) or panicked (the error names the method and wraps the
// panic value when that is an error).
//
// A pointer-receiver method of a struct that is held by value (not through
// a pointer) is called on a copy of the struct.
func Lookup(ctx context.Context, v any, key string) (val any, found bool, err error) {
	switch x := v.(type) {
	case nil:
		return nil, false, nil
	case map[string]any:
		if val, ok := x[key]; ok {
			return val, true, nil
		}
		if mapPseudoKey(key) {
			return mapPseudo(reflect.ValueOf(x), key)
		}
		return nil, false, nil
	case map[string]string:
		if val, ok := x[key]; ok {
			return val, true, nil
		}
		if mapPseudoKey(key) {
			return mapPseudo(reflect.ValueOf(x), key)
		}
		return nil, false, nil
	case []any:
		if i, ok := seqIndex(key, len(x)); ok {
			return x[i], true, nil
		}
		return nil, false, nil
	case []string:
		if i, ok := seqIndex(key, len(x)); ok {
			return x[i], true, nil
		}
		return nil, false, nil
	case []int:
		if i, ok := seqIndex(key, len(x)); ok {
			return x[i], true, nil
		}
		return nil, false, nil
	case []map[string]any:
		if i, ok := seqIndex(key, len(x)); ok {
			return x[i], true, nil
		}
		return nil, false, nil
	case string:
		return stringIndexKey(x, key)
	case SafeString:
		return stringIndexKey(string(x), key)
	case int, int64, float64, bool:
		return nil, false, nil
	}
	// A field of a struct reached through a pointer is read from memory
	// without reflect and without copying it.
	if t := reflect.TypeOf(v); t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if p := dataWord(v); p != nil {
			if m, ok := typeInfoFor(t.Elem()).members[key]; ok && m.read != readSlow {
				return readAt(m.read, m.typ, unsafe.Add(p, m.offset)), true, nil
			}
		}
	}
	return lookupValue(ctx, reflect.ValueOf(v), key)
}

// lookupValue is Lookup's reflection path.
func lookupValue(ctx context.Context, rv reflect.Value, key string) (any, bool, error) {
	for range maxDepth {
		switch rv.Kind() {
		case reflect.Invalid:
			return nil, false, nil
		case reflect.Interface, reflect.Pointer:
			if rv.IsNil() {
				return nil, false, nil
			}
			if rv.Kind() == reflect.Pointer {
				if k := rv.Type().Elem().Kind(); k != reflect.Pointer && k != reflect.Interface {
					// rv.Elem() is addressable, so *T's methods are reachable.
					return lookupIn(ctx, rv.Elem(), key)
				}
			}
			rv = rv.Elem()
		default:
			return lookupIn(ctx, rv, key)
		}
	}
	return nil, false, nil // a pointer that points to itself
}

// lookupIn looks key up in rv, which is neither a pointer nor an interface.
func lookupIn(ctx context.Context, rv reflect.Value, key string) (any, bool, error) {
	t := rv.Type()
	kind := t.Kind()
	if kind == reflect.Map {
		if rv.IsNil() {
			return nil, false, nil
		}
		if e, ok := mapGet(rv, key); ok {
			return e.Interface(), true, nil
		}
		// Django's last try is the key as an integer: {1: "a"} answers
		// d.1, through a map with integer keys or any keys.
		if k := t.Key().Kind(); isIntKind(k) || isUintKind(k) || k == reflect.Interface {
			if n, ok := parseIndex(key); ok {
				if e, ok := mapGet(rv, n); ok {
					return e.Interface(), true, nil
				}
			}
		}
	}
	ti := typeInfoFor(t)
	if m, ok := ti.members[key]; ok {
		if m.field != nil {
			if m.read != readSlow && rv.CanAddr() {
				return readAt(m.read, m.typ, unsafe.Add(rv.Addr().UnsafePointer(), m.offset)), true, nil
			}
			f, ok := fieldByIndex(rv, m.field)
			if !ok {
				return nil, false, nil
			}
			return f.Interface(), true, nil
		}
		if m.shape.ok {
			if m.via != nil && nilOnPath(rv, m.via) {
				return nil, false, nil
			}
			if p := methodPolicy(ctx); p == MethodsNone {
				recv := t
				if rv.CanAddr() {
					recv = reflect.PointerTo(t)
				}
				return nil, false, &MethodError{Method: key, Type: recv.String(), Policy: p}
			}
			fn := boundMethod(rv, m)
			return callMethod(ctx, fn, m.shape, t, key)
		}
		return nil, false, nil
	}
	switch kind {
	case reflect.Map:
		if mapPseudoKey(key) {
			return mapPseudo(rv, key)
		}
	case reflect.Slice, reflect.Array:
		if i, ok := seqIndex(key, rv.Len()); ok {
			return rv.Index(i).Interface(), true, nil
		}
	case reflect.String:
		return stringIndexKey(rv.String(), key)
	}
	return nil, false, nil
}

// fieldByIndex is reflect.Value.FieldByIndex that reports a nil embedded
// pointer on the way as not found instead of panicking.
func fieldByIndex(rv reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return rv.Field(index[0]), true
	}
	for i, x := range index {
		if i > 0 && rv.Kind() == reflect.Pointer {
			if rv.IsNil() {
				return reflect.Value{}, false
			}
			rv = rv.Elem()
		}
		rv = rv.Field(x)
	}
	return rv, true
}

// nilOnPath reports whether a pointer or interface on the embedded field
// path through the struct rv is nil (a promoted method would then panic).
func nilOnPath(rv reflect.Value, path []int) bool {
	for _, i := range path {
		if rv.Kind() == reflect.Pointer {
			rv = rv.Elem()
		}
		rv = rv.Field(i)
		if (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && rv.IsNil() {
			return true
		}
	}
	return false
}

// boundMethod returns the method m of rv bound to its receiver. A
// pointer-receiver method of a value that is not addressable is bound to a
// copy.
func boundMethod(rv reflect.Value, m member) reflect.Value {
	if rv.CanAddr() {
		return rv.Addr().Method(m.ptrMethod)
	}
	if m.valMethod >= 0 {
		return rv.Method(m.valMethod)
	}
	p := reflect.New(rv.Type())
	p.Elem().Set(rv)
	return p.Method(m.ptrMethod)
}

// callMethod calls the bound method fn of the given shape, recovering a
// panic into an error naming recv.name.
func callMethod(ctx context.Context, fn reflect.Value, s callShape, recv reflect.Type, name string) (val any, found bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			val, found, err = nil, false, panicError(fmt.Sprintf("method %s of %s", name, recv), p)
		}
	}()
	var out []reflect.Value
	if s.ctx {
		if ctx == nil {
			ctx = context.Background()
		}
		out = fn.Call([]reflect.Value{reflect.ValueOf(&ctx).Elem()})
	} else {
		out = fn.Call(nil)
	}
	if s.errLast {
		if e := out[len(out)-1]; !e.IsNil() {
			return nil, false, e.Interface().(error)
		}
		if s.errOnly {
			return nil, true, nil
		}
	}
	return out[0].Interface(), true, nil
}

// panicError turns a recovered panic value p in what into an error.
func panicError(what string, p any) error {
	if e, ok := p.(error); ok {
		return fmt.Errorf("%s panicked: %w", what, e)
	}
	return fmt.Errorf("%s panicked: %v", what, p)
}

// Method returns the exported method name of v bound to v, as a func value
// of any signature (Call calls it), found through pointers and interfaces
// like Lookup's methods. It is how obj.name(args) reaches a method that
// takes arguments, which Lookup leaves alone. A pointer-receiver method of a
// struct held by value is bound to a copy.
func Method(v any, name string) (fn any, found bool) {
	// Past its pointers and interfaces, rv is addressable when v held a
	// pointer, so *T's methods are reachable.
	rv, ok := indirect(reflect.ValueOf(v))
	if !ok || !rv.IsValid() {
		return nil, false
	}
	m, ok := typeInfoFor(rv.Type()).members[name]
	if !ok || m.field != nil || (m.via != nil && nilOnPath(rv, m.via)) {
		return nil, false
	}
	return boundMethod(rv, m).Interface(), true
}

// Index resolves the pongo2 subscript v[i]. An integer i (any int or uint
// kind, or a float with an integral value) indexes a slice, an array or a
// string (by rune, returning a one-rune string); a negative i counts from
// the end as in Python. For a map, i is converted to the key type when that
// loses nothing (a string to a named string type, 1.0 to an int key) and
// looked up. A string i on a value that is neither a map nor a sequence is
// an attribute, as Lookup resolves it. found is false when the index is out
// of range or the key absent; err comes only from a method Lookup called.
func Index(ctx context.Context, v any, i any) (val any, found bool, err error) {
	switch x := v.(type) {
	case nil:
		return nil, false, nil
	case []any:
		if n, ok := intIndex(i, len(x)); ok {
			return x[n], true, nil
		}
		return nil, false, nil
	case map[string]any:
		switch k := i.(type) {
		case string:
			val, ok := x[k]
			return val, ok, nil
		case SafeString:
			val, ok := x[string(k)]
			return val, ok, nil
		}
		if k, ok := stringOf(i); ok {
			val, ok := x[k]
			return val, ok, nil
		}
		return nil, false, nil
	case []string:
		if n, ok := intIndex(i, len(x)); ok {
			return x[n], true, nil
		}
		return nil, false, nil
	case string:
		return stringIndex(x, i)
	case SafeString:
		return stringIndex(string(x), i)
	}
	rv, ok := indirect(reflect.ValueOf(v))
	if !ok {
		return nil, false, nil
	}
	switch rv.Kind() {
	case reflect.Map:
		if e, ok := mapGet(rv, i); ok {
			return e.Interface(), true, nil
		}
		return nil, false, nil
	case reflect.Slice, reflect.Array:
		if n, ok := intIndex(i, rv.Len()); ok {
			return rv.Index(n).Interface(), true, nil
		}
		return nil, false, nil
	case reflect.String:
		return stringIndex(rv.String(), i)
	}
	if k, ok := stringOf(i); ok {
		return Lookup(ctx, v, k)
	}
	return nil, false, nil
}

// stringIndex is s[i] for an Index subscript i.
func stringIndex(s string, i any) (any, bool, error) {
	n, ok := indexValue(i)
	if !ok {
		return nil, false, nil
	}
	return runeAt(s, n)
}

// stringIndexKey is s.key for a Lookup key.
func stringIndexKey(s, key string) (any, bool, error) {
	n, ok := parseIndex(key)
	if !ok {
		return nil, false, nil
	}
	return runeAt(s, n)
}

// runeAt returns the n-th rune of s as a string; negative n counts from the
// end.
func runeAt(s string, n int) (any, bool, error) {
	if n < 0 {
		n += utf8.RuneCountInString(s)
		if n < 0 {
			return nil, false, nil
		}
	}
	for _, r := range s {
		if n == 0 {
			return string(r), true, nil
		}
		n--
	}
	return nil, false, nil
}

// parseIndex parses key as an optionally negative decimal integer.
func parseIndex(key string) (int, bool) {
	s := key
	neg := false
	if len(s) > 1 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// seqIndex resolves a Lookup key as an index into a sequence of length n.
func seqIndex(key string, n int) (int, bool) {
	if key == "" || (key[0] != '-' && (key[0] < '0' || key[0] > '9')) {
		return 0, false
	}
	i, ok := parseIndex(key)
	if !ok {
		return 0, false
	}
	return clampIndex(i, n)
}

// intIndex resolves an Index subscript as an index into a sequence of
// length n.
func intIndex(i any, n int) (int, bool) {
	x, ok := indexValue(i)
	if !ok {
		return 0, false
	}
	return clampIndex(x, n)
}

// clampIndex applies Python's negative indexing and the bounds check.
func clampIndex(i, n int) (int, bool) {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return 0, false
	}
	return i, true
}

// indexValue converts a subscript to an int: any int or uint kind, or a
// float with an integral value.
func indexValue(i any) (int, bool) {
	switch x := i.(type) {
	case int:
		return x, true
	case int64:
		if int64(int(x)) == x {
			return int(x), true
		}
		return 0, false
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
			return int(x), true
		}
		return 0, false
	case bool, string, SafeString, nil:
		return 0, false
	}
	n, ok := toNumber(i)
	if !ok || n.isBool {
		return 0, false
	}
	switch n.kind {
	case numInt:
		if int64(int(n.i)) == n.i {
			return int(n.i), true
		}
	case numFloat:
		if n.f == math.Trunc(n.f) && math.Abs(n.f) < 1<<62 {
			return int(n.f), true
		}
	}
	return 0, false
}

// mapPseudoKey reports whether key names one of the dict methods Lookup
// offers on maps.
func mapPseudoKey(key string) bool {
	return key == "items" || key == "keys" || key == "values"
}

// mapPseudo returns m.items, m.keys or m.values, ordered by key.
func mapPseudo(m reflect.Value, key string) (any, bool, error) {
	if m.IsNil() {
		return nil, false, nil
	}
	keys := sortedMapKeys(m)
	out := make([]any, len(keys))
	for i, k := range keys {
		switch key {
		case "keys":
			out[i] = k.Interface()
		case "values":
			out[i] = m.MapIndex(k).Interface()
		default:
			out[i] = []any{k.Interface(), m.MapIndex(k).Interface()}
		}
	}
	return out, true, nil
}

// sortedMapKeys returns the keys of m in the order Items uses.
func sortedMapKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	if m.Type().Key().Kind() == reflect.String {
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch x, y := a.String(), b.String(); {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		})
		return keys
	}
	slices.SortStableFunc(keys, func(a, b reflect.Value) int {
		return keyOrder(a.Interface(), b.Interface())
	})
	return keys
}

// mapGet looks key up in the map m, converting key to m's key type when
// that loses nothing: between string kinds, between numeric kinds for equal
// values, and for an interface key type also across the numeric kinds (as
// Python finds 1.0 in {1: ...}).
func mapGet(m reflect.Value, key any) (reflect.Value, bool) {
	if m.IsNil() {
		return reflect.Value{}, false
	}
	kt := m.Type().Key()
	if kv, ok := convertKey(key, kt); ok {
		if e := m.MapIndex(kv); e.IsValid() {
			return e, true
		}
	}
	if kt.Kind() == reflect.Interface {
		if _, isNum := toNumber(key); isNum {
			for it := m.MapRange(); it.Next(); {
				if Equal(it.Key().Interface(), key) {
					return it.Value(), true
				}
			}
		} else if s, isStr := stringOf(key); isStr {
			// A string key may be stored as string or SafeString.
			for _, alt := range [...]any{s, SafeString(s)} {
				if reflect.TypeOf(alt) != reflect.TypeOf(key) {
					if e := m.MapIndex(reflect.ValueOf(alt)); e.IsValid() {
						return e, true
					}
				}
			}
		}
	}
	return reflect.Value{}, false
}

// convertKey converts key to a value of the map key type kt, or reports
// that no lossless conversion exists.
func convertKey(key any, kt reflect.Type) (reflect.Value, bool) {
	if key == nil {
		if kt.Kind() == reflect.Interface {
			return reflect.Zero(kt), true
		}
		return reflect.Value{}, false
	}
	kv := reflect.ValueOf(key)
	if kv.Type() == kt {
		return kv, kv.Comparable()
	}
	switch k := kt.Kind(); {
	case k == reflect.Interface:
		if kv.Type().Implements(kt) && kv.Comparable() {
			return kv, true
		}
	case k == reflect.String:
		if kv.Kind() == reflect.String {
			return kv.Convert(kt), true
		}
	case isIntKind(k), isUintKind(k), k == reflect.Float32, k == reflect.Float64:
		n, ok := toNumber(key)
		if !ok || n.isBool {
			return reflect.Value{}, false
		}
		return numberAs(n, kt)
	case k == reflect.Bool:
		if kv.Kind() == reflect.Bool {
			return kv.Convert(kt), true
		}
	default:
		if kv.Type().AssignableTo(kt) && kv.Comparable() {
			return kv, true
		}
	}
	return reflect.Value{}, false
}

// numberAs converts n to the numeric type t if the value survives exactly.
func numberAs(n number, t reflect.Type) (reflect.Value, bool) {
	v := reflect.New(t).Elem()
	switch k := t.Kind(); {
	case isIntKind(k):
		var i int64
		switch n.kind {
		case numInt:
			i = n.i
		case numFloat:
			if n.f != math.Trunc(n.f) || n.f < -(1<<63) || n.f >= 1<<63 {
				return v, false
			}
			i = int64(n.f)
		default:
			return v, false
		}
		if v.OverflowInt(i) {
			return v, false
		}
		v.SetInt(i)
	case isUintKind(k):
		var u uint64
		switch n.kind {
		case numInt:
			if n.i < 0 {
				return v, false
			}
			u = uint64(n.i)
		case numUint:
			u = n.u
		case numFloat:
			if n.f != math.Trunc(n.f) || n.f < 0 || n.f >= 1<<64 {
				return v, false
			}
			u = uint64(n.f)
		}
		if v.OverflowUint(u) {
			return v, false
		}
		v.SetUint(u)
	default: // float kinds
		f := n.float()
		switch n.kind {
		case numInt:
			if f >= 1<<63 || int64(f) != n.i {
				return v, false
			}
		case numUint:
			if f >= 1<<64 || uint64(f) != n.u {
				return v, false
			}
		}
		if k == reflect.Float32 && float64(float32(f)) != f && !math.IsNaN(f) {
			return v, false
		}
		v.SetFloat(f)
	}
	return v, true
}

func isIntKind(k reflect.Kind) bool  { return k >= reflect.Int && k <= reflect.Int64 }
func isUintKind(k reflect.Kind) bool { return k >= reflect.Uint && k <= reflect.Uintptr }

// Call calls the Go func value fn with args and returns its result. When
// fn's first parameter is a context.Context, ctx is passed there and args
// fill the other parameters; variadic functions take any number of extra
// arguments. Each argument is converted to its parameter's type when that
// loses nothing: between int and uint kinds (in range), to a float from any
// number, to an int from an integral float, between string kinds (but never
// to SafeString from a string that is not safe), element by element between
// slices, and to interfaces the value implements; nil becomes the zero
// value of pointer, slice, map, func, chan and interface parameters.
//
// fn must return one value, one value and an error, just an error, or
// nothing (the result is nil); a non-nil error is returned as is. A wrong
// argument count, an argument that cannot be converted (the error says
// which and what type was expected), a fn that is not a func, and a panic
// in fn are errors too.
func Call(ctx context.Context, fn any, args []any) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			result, err = nil, panicError("call of "+typeName(fn), p)
		}
	}()
	switch f := fn.(type) {
	case func() any:
		if len(args) != 0 {
			return nil, argCountError(0, false, len(args))
		}
		return f(), nil
	case func(any) any:
		if len(args) != 1 {
			return nil, argCountError(1, false, len(args))
		}
		return f(args[0]), nil
	case func(...any) any:
		return f(args...), nil
	case func() (any, error):
		if len(args) != 0 {
			return nil, argCountError(0, false, len(args))
		}
		return resultErr(f())
	case func(...any) (any, error):
		return resultErr(f(args...))
	case func(context.Context) (any, error):
		if len(args) != 0 {
			return nil, argCountError(0, false, len(args))
		}
		return resultErr(f(nonNilContext(ctx)))
	case func(context.Context, ...any) (any, error):
		return resultErr(f(nonNilContext(ctx), args...))
	case func() string:
		if len(args) != 0 {
			return nil, argCountError(0, false, len(args))
		}
		return f(), nil
	case nil:
		return nil, fmt.Errorf("cannot call nil")
	// The lazy shapes data sources have most, called without reflection
	// (a method value from Method is one of these too).
	case func(context.Context) (string, error):
		return callCtx(ctx, f, args)
	case func(context.Context) (int, error):
		return callCtx(ctx, f, args)
	case func(context.Context) (bool, error):
		return callCtx(ctx, f, args)
	case func(context.Context) (float64, error):
		return callCtx(ctx, f, args)
	case func(context.Context) ([]any, error):
		return callCtx(ctx, f, args)
	case func(context.Context) ([]string, error):
		return callCtx(ctx, f, args)
	case func(context.Context) (map[string]any, error):
		return callCtx(ctx, f, args)
	case func(context.Context) string:
		return callCtxOnly(ctx, f, args)
	case func(context.Context) any:
		return callCtxOnly(ctx, f, args)
	case func() (string, error):
		return callPlain(f, args)
	case func() (int, error):
		return callPlain(f, args)
	case func() ([]any, error):
		return callPlain(f, args)
	case func() (map[string]any, error):
		return callPlain(f, args)
	}
	return callReflect(ctx, reflect.ValueOf(fn), args)
}

// callCtx calls a lazy func(ctx) (T, error) without arguments.
func callCtx[T any](ctx context.Context, f func(context.Context) (T, error), args []any) (any, error) {
	if len(args) != 0 {
		return nil, noArgsError(f, len(args))
	}
	v, err := f(nonNilContext(ctx))
	if err != nil {
		return nil, err
	}
	return v, nil
}

// callCtxOnly calls a func(ctx) T without arguments.
func callCtxOnly[T any](ctx context.Context, f func(context.Context) T, args []any) (any, error) {
	if len(args) != 0 {
		return nil, noArgsError(f, len(args))
	}
	return f(nonNilContext(ctx)), nil
}

// callPlain calls a func() (T, error) without arguments.
func callPlain[T any](f func() (T, error), args []any) (any, error) {
	if len(args) != 0 {
		return nil, noArgsError(f, len(args))
	}
	v, err := f()
	if err != nil {
		return nil, err
	}
	return v, nil
}

// noArgsError is the error of a call with arguments of f, which takes none.
func noArgsError(f any, got int) error {
	return &CallError{Fn: reflect.TypeOf(f), Problem: CallArgCount, Want: 0, Got: got, err: argCountError(0, false, got)}
}

// CallError says why a function could not be called with a template's
// arguments: the function's results (Problem CallResults: more than two,
// or a second that is not an error), the number of arguments
// (CallArgCount: Want, Got), or an argument that does not convert to its
// parameter (CallArgType: Arg from 0, Variadic when it is one of the
// variadic ones, Param, Value).
type CallError struct {
	Fn        reflect.Type
	Problem   CallProblem
	Want, Got int
	Arg       int
	Variadic  bool
	Param     reflect.Type
	Value     any
	msg       string
	err       error
}

// CallProblem is the kind of a CallError.
type CallProblem int

// The kinds of CallError.
const (
	CallResults  CallProblem = iota // the function's results are not (T) or (T, error)
	CallArgCount                    // too few or too many arguments
	CallArgType                     // an argument that does not convert to its parameter
)

// Error says what is wrong, in braid's words.
func (e *CallError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return e.msg
}

// resultErr returns (v, err), dropping v when err is non-nil.
func resultErr(v any, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return v, nil
}

// nonNilContext returns ctx, or context.Background when ctx is nil.
func nonNilContext(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// argCountError says how many arguments a function wanted.
func argCountError(want int, variadic bool, got int) error {
	plural := "s"
	if want == 1 {
		plural = ""
	}
	if variadic {
		return fmt.Errorf("expected at least %d argument%s, got %d", want, plural, got)
	}
	return fmt.Errorf("expected %d argument%s, got %d", want, plural, got)
}

// callReflect is Call's general path.
func callReflect(ctx context.Context, fv reflect.Value, args []any) (any, error) {
	if fv.Kind() != reflect.Func {
		return nil, fmt.Errorf("cannot call %s: not a function", fv.Type())
	}
	if fv.IsNil() {
		return nil, fmt.Errorf("cannot call a nil %s", fv.Type())
	}
	ft := fv.Type()
	switch ft.NumOut() {
	case 0, 1:
	case 2:
		if ft.Out(1) != errorType() {
			return nil, &CallError{Fn: ft, Problem: CallResults, msg: fmt.Sprintf("cannot call %s: its second result is not an error", ft)}
		}
	default:
		return nil, &CallError{Fn: ft, Problem: CallResults, msg: fmt.Sprintf("cannot call %s: it returns %d values", ft, ft.NumOut())}
	}
	first := 0
	in := make([]reflect.Value, 0, len(args)+1)
	if ft.NumIn() > 0 && ft.In(0) == contextType() {
		c := nonNilContext(ctx)
		in = append(in, reflect.ValueOf(&c).Elem())
		first = 1
	}
	fixed := ft.NumIn() - first
	if ft.IsVariadic() {
		fixed--
		if len(args) < fixed {
			return nil, &CallError{Fn: ft, Problem: CallArgCount, Want: fixed, Got: len(args), err: argCountError(fixed, true, len(args))}
		}
	} else if len(args) != fixed {
		return nil, &CallError{Fn: ft, Problem: CallArgCount, Want: fixed, Got: len(args), err: argCountError(fixed, false, len(args))}
	}
	for i, a := range args {
		var pt reflect.Type
		if i < fixed {
			pt = ft.In(first + i)
		} else {
			pt = ft.In(ft.NumIn() - 1).Elem()
		}
		av, ok := convertArg(a, pt, 0)
		if !ok {
			return nil, &CallError{Fn: ft, Problem: CallArgType, Arg: i, Variadic: i >= fixed, Param: pt, Value: a,
				msg: fmt.Sprintf("argument %d: expected %s, got %s", i+1, pt, typeName(a))}
		}
		in = append(in, av)
	}
	out := fv.Call(in)
	switch len(out) {
	case 0:
		return nil, nil
	case 1:
		if ft.Out(0) == errorType() {
			if out[0].IsNil() {
				return nil, nil
			}
			return nil, out[0].Interface().(error)
		}
		return unwrapResult(out[0].Interface()), nil
	}
	if !out[1].IsNil() {
		return nil, out[1].Interface().(error)
	}
	return unwrapResult(out[0].Interface()), nil
}

// Wrapper is a type whose values stand for other values, as pongo2's
// *Value does: a function parameter of a Wrapper type takes any argument,
// wrapped by WrapArg (called on the parameter type's zero value, a nil
// pointer for a pointer type), and a Wrapper a function returns is seen
// by the template as its UnwrapValue.
type Wrapper interface {
	WrapArg(v any) any
	UnwrapValue() any
}

var wrapperType = reflect.TypeFor[Wrapper]()

// unwrapResult is a function's result as templates see it: a Wrapper's
// value.
func unwrapResult(v any) any {
	if w, ok := v.(Wrapper); ok && w != nil && !reflect.ValueOf(w).IsZero() {
		return w.UnwrapValue()
	}
	return v
}

// convertArg converts the argument a to the parameter type t (see Call).
func convertArg(a any, t reflect.Type, depth int) (reflect.Value, bool) {
	if t.Implements(wrapperType) {
		if w, ok := reflect.Zero(t).Interface().(Wrapper); ok {
			if r := reflect.ValueOf(w.WrapArg(a)); r.IsValid() && r.Type().AssignableTo(t) {
				return r, true
			}
		}
	}
	if a == nil {
		switch t.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			return reflect.Zero(t), true
		}
		return reflect.Value{}, false
	}
	av := reflect.ValueOf(a)
	at := av.Type()
	if at == t {
		return av, true
	}
	if t == reflect.TypeFor[SafeString]() {
		return reflect.Value{}, false // only a SafeString is safe
	}
	if at.AssignableTo(t) {
		return av, true
	}
	switch k := t.Kind(); {
	case isIntKind(k), isUintKind(k), k == reflect.Float32, k == reflect.Float64:
		n, ok := toNumber(a)
		if !ok || n.isBool {
			return reflect.Value{}, false
		}
		if k == reflect.Float32 || k == reflect.Float64 {
			v := reflect.New(t).Elem()
			v.SetFloat(n.float())
			return v, true
		}
		return numberAs(n, t)
	case k == reflect.String, k == reflect.Bool:
		if at.Kind() == k {
			return av.Convert(t), true
		}
	case k == reflect.Slice:
		if (at.Kind() != reflect.Slice && at.Kind() != reflect.Array) || depth > maxDepth {
			return reflect.Value{}, false
		}
		n := av.Len()
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			e, ok := convertArg(av.Index(i).Interface(), t.Elem(), depth+1)
			if !ok {
				return reflect.Value{}, false
			}
			s.Index(i).Set(e)
		}
		return s, true
	}
	return reflect.Value{}, false
}
