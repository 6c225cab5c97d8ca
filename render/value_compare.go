package render

import (
	"cmp"
	"math"
	"reflect"
	"strings"
	"time"
)

// Equal is Python's a == b: numbers are equal by value across every int,
// uint and float kind (1 == 1.0) and bools count as the integers 0 and 1
// (True == 1); a SafeString equals the string with the same text; nil and
// nil pointers (None) equal only each other; times are equal when they are
// the same instant; slices and arrays are equal element by element, maps
// when they hold equal values under the same keys. Other values are equal
// when they have the same type, are comparable, and == holds; values of
// different types are not equal.
//
// Lists and dicts nested deeper than MaxNesting are not equal, which is
// also what two distinct lists that contain themselves come to (Python
// raises RecursionError, and Django's {% if %} makes that false).
func Equal(a, b any) bool {
	var c comparison
	return c.same(a, b, 0)
}

// comparison is one Equal or Compare. Lists that share their sublists (a
// list holding one list twice, that one holding another twice: 2^n paths
// through n levels) would multiply the work, so once it has looked at
// rememberAfter elements, it remembers the pairs of lists and dicts it
// found equal and does not compare them again.
type comparison struct {
	steps int
	equal map[[2]identity]bool
}

const rememberAfter = 1 << 12

// pair returns the key under which the lists or dicts ra and rb are
// remembered, when they are to be.
func (c *comparison) pair(ra, rb reflect.Value) (key [2]identity, ok bool) {
	if c.steps < rememberAfter {
		return key, false
	}
	key = [2]identity{identityOf(ra), identityOf(rb)}
	return key, key[0].ptr != 0 && key[1].ptr != 0
}

// found reports whether ra and rb were found equal before.
func (c *comparison) found(ra, rb reflect.Value) bool {
	key, ok := c.pair(ra, rb)
	return ok && c.equal[key]
}

// remember notes that ra and rb are equal.
func (c *comparison) remember(ra, rb reflect.Value) {
	if key, ok := c.pair(ra, rb); ok {
		if c.equal == nil {
			c.equal = map[[2]identity]bool{}
		}
		c.equal[key] = true
	}
}

func (c *comparison) same(a, b any, depth int) bool {
	// Fast paths for the common pairs.
	switch x := a.(type) {
	case string:
		switch y := b.(type) {
		case string:
			return x == y
		case SafeString:
			return x == string(y)
		}
	case SafeString:
		switch y := b.(type) {
		case string:
			return string(x) == y
		case SafeString:
			return x == y
		}
	case int:
		switch y := b.(type) {
		case int:
			return x == y
		case int64:
			return int64(x) == y
		}
	case int64:
		switch y := b.(type) {
		case int:
			return x == int64(y)
		case int64:
			return x == y
		}
	case float64:
		if y, ok := b.(float64); ok {
			return x == y
		}
	case bool:
		if y, ok := b.(bool); ok {
			return x == y
		}
	case nil:
		return isNone(b)
	}
	if isNone(a) || isNone(b) {
		return isNone(a) && isNone(b)
	}
	if na, ok := toNumber(a); ok {
		nb, ok := toNumber(b)
		if !ok {
			return false
		}
		c, ok := compareNumbers(na, nb)
		return ok && c == 0
	}
	if sa, ok := stringOf(a); ok {
		sb, ok := stringOf(b)
		return ok && sa == sb
	}
	if ta, _, ok := AsTime(a); ok {
		tb, _, ok := AsTime(b)
		return ok && ta.Equal(tb)
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if isList(ra) && isList(rb) {
		n := ra.Len()
		if n != rb.Len() {
			return false
		}
		if n == 0 || sameSlice(ra, rb) || c.found(ra, rb) {
			return true
		}
		if depth >= MaxNesting {
			return false
		}
		for i := range n {
			c.steps++
			if !c.same(ra.Index(i).Interface(), rb.Index(i).Interface(), depth+1) {
				return false
			}
		}
		c.remember(ra, rb)
		return true
	}
	if ra.Kind() == reflect.Map && rb.Kind() == reflect.Map {
		if ra.Len() != rb.Len() {
			return false
		}
		if ra.Len() == 0 || ra.Pointer() == rb.Pointer() || c.found(ra, rb) {
			return true
		}
		if depth >= MaxNesting {
			return false
		}
		for it := ra.MapRange(); it.Next(); {
			c.steps++
			vb, ok := mapGet(rb, it.Key().Interface())
			if !ok || !c.same(it.Value().Interface(), vb.Interface(), depth+1) {
				return false
			}
		}
		c.remember(ra, rb)
		return true
	}
	if ra.Type() != rb.Type() || !ra.Comparable() || !rb.Comparable() {
		return false
	}
	return a == b
}

// isList reports whether rv is a slice or an array (a Python list), []byte
// included.
func isList(rv reflect.Value) bool {
	return rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array
}

// sameSlice reports whether two slices share their elements, which makes
// them equal without looking (Python's identity shortcut).
func sameSlice(a, b reflect.Value) bool {
	return a.Kind() == reflect.Slice && b.Kind() == reflect.Slice &&
		a.Type() == b.Type() && a.Len() == b.Len() && a.Pointer() == b.Pointer()
}

// compareNumbers orders two numbers exactly (an int64 against a float64
// without rounding). ok is false when either is NaN.
func compareNumbers(a, b number) (int, bool) {
	switch {
	case a.kind == numInt && b.kind == numInt:
		return cmp.Compare(a.i, b.i), true
	case a.kind == numFloat && b.kind == numFloat:
		if math.IsNaN(a.f) || math.IsNaN(b.f) {
			return 0, false
		}
		return cmp.Compare(a.f, b.f), true
	case a.kind == numFloat:
		c, ok := compareNumbers(b, a)
		return -c, ok
	case b.kind == numFloat: // a is an integer
		f := b.f
		if math.IsNaN(f) {
			return 0, false
		}
		if a.kind == numUint {
			if f >= 1<<64 {
				return -1, true
			}
			if f < 1<<63 { // a.u >= 1<<63
				return 1, true
			}
			return cmpWithFrac(cmp.Compare(a.u, uint64(math.Trunc(f))), f), true
		}
		if f >= 1<<63 {
			return -1, true
		}
		if f < -(1 << 63) {
			return 1, true
		}
		return cmpWithFrac(cmp.Compare(a.i, int64(math.Trunc(f))), f), true
	case a.kind == numUint && b.kind == numUint:
		return cmp.Compare(a.u, b.u), true
	case a.kind == numUint: // b is a numInt, always below
		return 1, true
	default: // a numInt, b numUint
		return -1, true
	}
}

// cmpWithFrac refines c, the comparison of an integer with trunc(f), by
// f's fractional part.
func cmpWithFrac(c int, f float64) int {
	if c != 0 {
		return c
	}
	t := math.Trunc(f)
	switch {
	case f > t:
		return -1
	case f < t:
		return 1
	}
	return 0
}

// Compare orders a and b for the < > <= >= operators, as Python does:
// numbers with numbers (bools count as 0 and 1), strings with strings
// (SafeString too) by code point, times with times, and slices or arrays
// lexicographically (their first unequal elements decide, then the
// length). cmp is -1, 0 or +1. ok is false where Python raises TypeError (a
// string and a number, None with anything, maps, structs) and when a NaN
// takes part: every ordering comparison is then false, as Django's
// {% if %} makes it. Lists nested deeper than MaxNesting do not compare
// either (ok false).
func Compare(a, b any) (cmp int, ok bool) {
	var c comparison
	return c.compare(a, b, 0)
}

func (c *comparison) compare(a, b any, depth int) (int, bool) {
	switch x := a.(type) {
	case string:
		switch y := b.(type) {
		case string:
			return strings.Compare(x, y), true
		case SafeString:
			return strings.Compare(x, string(y)), true
		}
	case int:
		switch y := b.(type) {
		case int:
			return cmpInts(x, y), true
		case int64:
			return cmpInts(int64(x), y), true
		}
	case int64:
		switch y := b.(type) {
		case int:
			return cmpInts(x, int64(y)), true
		case int64:
			return cmpInts(x, y), true
		}
	case float64:
		if y, ok := b.(float64); ok {
			if math.IsNaN(x) || math.IsNaN(y) {
				return 0, false
			}
			return cmpInts(x, y), true
		}
	case nil:
		return 0, false
	}
	if isNone(a) || isNone(b) {
		return 0, false
	}
	if na, ok := toNumber(a); ok {
		nb, ok := toNumber(b)
		if !ok {
			return 0, false
		}
		return compareNumbers(na, nb)
	}
	if sa, ok := stringOf(a); ok {
		sb, ok := stringOf(b)
		if !ok {
			return 0, false
		}
		return strings.Compare(sa, sb), true
	}
	if ta, _, ok := AsTime(a); ok {
		tb, _, ok := AsTime(b)
		if !ok {
			return 0, false
		}
		return ta.Compare(tb), true
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !isList(ra) || !isList(rb) {
		return 0, false
	}
	if sameSlice(ra, rb) {
		return 0, true
	}
	if depth >= MaxNesting {
		return 0, false
	}
	n := min(ra.Len(), rb.Len())
	for i := range n {
		c.steps++
		ea, eb := ra.Index(i).Interface(), rb.Index(i).Interface()
		if !c.same(ea, eb, depth+1) {
			return c.compare(ea, eb, depth+1)
		}
	}
	return cmpInts(ra.Len(), rb.Len()), true
}

func cmpInts[T int | int64 | float64](a, b T) int { return cmp.Compare(a, b) }

// Contains is Python's item in container: for a string, whether item (a
// string or SafeString; anything else is never in a string) is a
// substring; for a slice or array, whether an element is Equal to item;
// for a map, whether item is a key (converted to the key type when that
// loses nothing). A pointer to a container is looked through. ok is false
// when container is not a container (nil, numbers, structs): Django then
// treats the test as false.
func Contains(container, item any) (in bool, ok bool) {
	switch c := container.(type) {
	case string:
		s, isStr := stringOf(item)
		return isStr && strings.Contains(c, s), true
	case SafeString:
		s, isStr := stringOf(item)
		return isStr && strings.Contains(string(c), s), true
	case []any:
		for _, e := range c {
			if Equal(e, item) {
				return true, true
			}
		}
		return false, true
	case []string:
		s, isStr := stringOf(item)
		if !isStr {
			return false, true
		}
		for _, e := range c {
			if e == s {
				return true, true
			}
		}
		return false, true
	case []int:
		for _, e := range c {
			if Equal(e, item) {
				return true, true
			}
		}
		return false, true
	case map[string]any:
		s, isStr := stringOf(item)
		if !isStr {
			return false, true
		}
		_, in := c[s]
		return in, true
	case map[string]string:
		s, isStr := stringOf(item)
		if !isStr {
			return false, true
		}
		_, in := c[s]
		return in, true
	case nil, int, int64, float64, bool, time.Time:
		return false, false
	}
	rv, ok := indirect(reflect.ValueOf(container))
	if !ok {
		return false, false
	}
	switch rv.Kind() {
	case reflect.String:
		s, isStr := stringOf(item)
		return isStr && strings.Contains(rv.String(), s), true
	case reflect.Slice, reflect.Array:
		for i := range rv.Len() {
			if Equal(rv.Index(i).Interface(), item) {
				return true, true
			}
		}
		return false, true
	case reflect.Map:
		_, in := mapGet(rv, item)
		return in, true
	}
	return false, false
}
