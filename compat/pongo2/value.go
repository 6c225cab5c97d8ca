package pongo2

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/braidtpl/braid/render"
)

// Value is pongo2's wrapper of a value, for filter functions and custom
// tags: conversions and tests in the Python manner.
type Value struct {
	val  reflect.Value
	safe bool // not escaped again
}

// AsValue converts any value to a *Value.
func AsValue(i any) *Value { return &Value{val: reflect.ValueOf(i)} }

// AsSafeValue is AsValue for a value that autoescaping must not escape.
func AsSafeValue(i any) *Value { return &Value{val: reflect.ValueOf(i), safe: true} }

// resolved is the value, through one pointer.
func (v *Value) resolved() reflect.Value {
	if v.val.IsValid() && v.val.Kind() == reflect.Pointer {
		return v.val.Elem()
	}
	return v.val
}

func (v *Value) kind() reflect.Kind { return v.resolved().Kind() }

// IsString reports whether the value is a string.
func (v *Value) IsString() bool { return v.kind() == reflect.String }

// IsBool reports whether the value is a bool.
func (v *Value) IsBool() bool { return v.kind() == reflect.Bool }

// IsFloat reports whether the value is a float.
func (v *Value) IsFloat() bool { k := v.kind(); return k == reflect.Float32 || k == reflect.Float64 }

// IsInteger reports whether the value is a signed or unsigned integer.
func (v *Value) IsInteger() bool {
	k := v.kind()
	return k >= reflect.Int && k <= reflect.Int64 || k >= reflect.Uint && k <= reflect.Uint64
}

// IsNumber reports whether the value is an integer or a float.
func (v *Value) IsNumber() bool { return v.IsInteger() || v.IsFloat() }

// IsTime reports whether the value is a time.Time.
func (v *Value) IsTime() bool { _, ok := v.Interface().(time.Time); return ok }

// IsNil reports whether there is no value (nil, or a nil pointer).
func (v *Value) IsNil() bool { return !v.resolved().IsValid() }

// String is the value as text: a string as is, numbers in decimal (floats
// with six decimals), booleans as True and False, a fmt.Stringer by its
// String method, nil as "".
func (v *Value) String() string {
	if v.IsNil() {
		return ""
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String()
	}
	rv := v.resolved()
	switch k := rv.Kind(); {
	case k == reflect.String:
		return rv.String()
	case k >= reflect.Int && k <= reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case k >= reflect.Uint && k <= reflect.Uint64:
		return strconv.FormatUint(rv.Uint(), 10)
	case k == reflect.Float32 || k == reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', 6, 64)
	case k == reflect.Bool:
		if rv.Bool() {
			return "True"
		}
		return "False"
	}
	return render.String(v.Interface())
}

// Integer is the value as an int: numbers converted, a string parsed as a
// number, 0 otherwise.
func (v *Value) Integer() int { return int(render.Pongo2Integer(v.resolved())) }

// Float is the value as a float64: numbers converted, a string parsed, 0
// otherwise.
func (v *Value) Float() float64 { return render.Pongo2Float(v.resolved()) }

// Bool is a bool value; false for any other kind (see IsTrue).
func (v *Value) Bool() bool {
	rv := v.resolved()
	return rv.Kind() == reflect.Bool && rv.Bool()
}

// Time is a time.Time value, or the zero time.
func (v *Value) Time() time.Time {
	t, _ := v.Interface().(time.Time)
	return t
}

// IsTrue is the value's truth, the Python way: non-zero numbers, non-empty
// strings, slices, maps and channels, true, and any struct.
func (v *Value) IsTrue() bool { return render.Pongo2IsTrue(v.resolved()) }

// Negate is the value's negation for "not": a value whose IsTrue is the
// opposite.
func (v *Value) Negate() *Value {
	rv := v.resolved()
	switch k := rv.Kind(); {
	case v.IsInteger():
		if v.Integer() != 0 {
			return AsValue(0)
		}
		return AsValue(1)
	case v.IsFloat():
		if v.Float() != 0 {
			return AsValue(0.0)
		}
		return AsValue(1.1)
	case k == reflect.Array || k == reflect.Chan || k == reflect.Map || k == reflect.Slice || k == reflect.String:
		return AsValue(rv.Len() == 0)
	case k == reflect.Bool:
		return AsValue(!rv.Bool())
	case k == reflect.Struct:
		return AsValue(false)
	}
	return AsValue(true)
}

// Len is the length of an array, slice, map, channel, or string (in
// runes); 0 otherwise.
func (v *Value) Len() int {
	rv := v.resolved()
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice:
		return rv.Len()
	case reflect.String:
		return len([]rune(rv.String()))
	}
	return 0
}

// Slice is v[i:j] of an array, slice or string (in runes); an empty
// []int otherwise.
func (v *Value) Slice(i, j int) *Value {
	rv := v.resolved()
	switch rv.Kind() {
	case reflect.Array, reflect.Slice:
		return AsValue(rv.Slice(i, j).Interface())
	case reflect.String:
		return AsValue(string([]rune(rv.String())[i:j]))
	}
	return AsValue([]int{})
}

// Index is v[i] of an array, slice or string (a one-rune string); nil,
// or "", past the end.
func (v *Value) Index(i int) *Value {
	rv := v.resolved()
	switch rv.Kind() {
	case reflect.Array, reflect.Slice:
		if i >= rv.Len() {
			return AsValue(nil)
		}
		return AsValue(rv.Index(i).Interface())
	case reflect.String:
		if r := []rune(rv.String()); i < len(r) {
			return AsValue(string(r[i]))
		}
		return AsValue("")
	}
	return AsValue([]int{})
}

// Contains reports whether a struct has the field named other, a map the
// key other (an int or a string), a string the substring other, or a
// slice or array an item equal to other.
func (v *Value) Contains(other *Value) bool {
	rv := v.resolved()
	switch rv.Kind() {
	case reflect.Struct:
		return rv.FieldByName(other.String()).IsValid()
	case reflect.Map:
		switch other.Interface().(type) {
		case int, string:
			k := other.resolved()
			if !k.Type().AssignableTo(rv.Type().Key()) {
				return false
			}
			return rv.MapIndex(k).IsValid()
		}
		return false
	case reflect.String:
		return strings.Contains(rv.String(), other.String())
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			if other.EqualValueTo(AsValue(rv.Index(i).Interface())) {
				return true
			}
		}
	}
	return false
}

// CanSlice reports whether the value is an array, slice or string.
func (v *Value) CanSlice() bool {
	switch v.kind() {
	case reflect.Array, reflect.Slice, reflect.String:
		return true
	}
	return false
}

// Iterate calls fn for each item of a map (key and value, keys in order),
// array, slice or string (one-byte strings), with its index and the count;
// fn returns false to stop. For no items, or a value of another kind, it
// calls empty.
func (v *Value) Iterate(fn func(idx, count int, key, value *Value) bool, empty func()) {
	v.IterateOrder(fn, empty, false, false)
}

// IterateOrder is Iterate, in reverse order and/or sorted.
func (v *Value) IterateOrder(fn func(idx, count int, key, value *Value) bool, empty func(), reverse bool, sorted bool) {
	rv := v.resolved()
	switch rv.Kind() {
	case reflect.Map:
		keys := rv.MapKeys()
		items := make([]*Value, len(keys))
		for i, k := range keys {
			items[i] = &Value{val: k}
		}
		sort.SliceStable(items, func(i, j int) bool { return less(items[i], items[j]) })
		if sorted && reverse {
			reverseValues(items)
		}
		for i, k := range items {
			if !fn(i, len(items), k, &Value{val: rv.MapIndex(k.val)}) {
				return
			}
		}
		if len(items) == 0 {
			empty()
		}
		return
	case reflect.Array, reflect.Slice:
		items := make([]*Value, rv.Len())
		for i := range items {
			items[i] = &Value{val: rv.Index(i)}
		}
		if sorted {
			sort.SliceStable(items, func(i, j int) bool { return less(items[i], items[j]) })
		}
		if reverse {
			reverseValues(items)
		}
		for i, x := range items {
			if !fn(i, len(items), x, nil) {
				return
			}
		}
		if len(items) == 0 {
			empty()
		}
		return
	case reflect.String:
		n := rv.Len()
		for k := 0; k < n; k++ {
			i := k
			if reverse {
				i = n - 1 - k
			}
			if !fn(i, n, &Value{val: rv.Slice(i, i+1)}, nil) {
				return
			}
		}
		if n == 0 {
			empty()
		}
		return
	}
	empty()
}

func less(a, b *Value) bool {
	switch {
	case a.IsInteger() && b.IsInteger():
		return a.Integer() < b.Integer()
	case a.IsFloat() && b.IsFloat():
		return a.Float() < b.Float()
	}
	return a.String() < b.String()
}

func reverseValues(vs []*Value) {
	for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
		vs[i], vs[j] = vs[j], vs[i]
	}
}

// Interface is the value itself.
func (v *Value) Interface() any {
	if v.val.IsValid() && v.val.CanInterface() {
		return v.val.Interface()
	}
	return nil
}

// EqualValueTo reports whether two values are equal: integers of any
// kinds by value, times by Equal, others by ==.
func (v *Value) EqualValueTo(other *Value) bool {
	if v.IsInteger() && other.IsInteger() {
		return v.Integer() == other.Integer()
	}
	if v.IsTime() && other.IsTime() {
		return v.Time().Equal(other.Time())
	}
	a, b := v.Interface(), other.Interface()
	if a == nil || b == nil || reflect.TypeOf(a).Comparable() && reflect.TypeOf(b).Comparable() {
		return a == b
	}
	return false
}

// unwrap is the value as braid prints it: safe strings as braid.Safe.
func (v *Value) unwrap() any {
	if v == nil {
		return nil
	}
	x := v.Interface()
	if v.safe {
		if s, ok := x.(string); ok {
			return render.SafeString(s)
		}
		return render.SafeString(v.String())
	}
	return x
}

// WrapArg is x as a *Value: braid calls it (on a nil *Value) for an
// argument that a template passes to a function parameter of type
// *Value (render.Wrapper).
func (*Value) WrapArg(x any) any { return wrap(x) }

// UnwrapValue is the value a *Value that a function returns stands for
// in a template (render.Wrapper).
func (v *Value) UnwrapValue() any { return v.unwrap() }

// wrap is a braid value as a *Value.
func wrap(x any) *Value {
	switch x := x.(type) {
	case *Value:
		return x
	case render.SafeString:
		return AsSafeValue(string(x))
	case render.Undefined, render.NoArg:
		return AsValue(nil)
	}
	return AsValue(x)
}
