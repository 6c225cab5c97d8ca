package render

import (
	"reflect"
	"unsafe"
)

// Range calls fn for each item a {% for %} walks in v, in order or, with
// reverse, backwards; n is the number of items. Slices are walked in place:
// no copy of the sequence, and struct elements are passed as pointers to
// them (lookups see the same fields and methods), so a loop over a slice
// of any type allocates nothing per item. Maps and strings are walked over
// Items (sorted keys, runes). ok is false when v is not iterable. Range
// stops at the first error fn returns.
func Range(v any, reverse bool, fn func(i, n int, item any) error) (ok bool, err error) {
	switch x := v.(type) {
	case []any:
		return true, walk(len(x), reverse, func(i int) error { return fn(i, len(x), x[i]) })
	case []string:
		typ := typeWordOf("")
		return true, walk(len(x), reverse, func(i int) error {
			return fn(i, len(x), makeIface(typ, unsafe.Pointer(&x[i])))
		})
	case []int:
		typ := typeWordOf(0)
		return true, walk(len(x), reverse, func(i int) error {
			return fn(i, len(x), makeIface(typ, unsafe.Pointer(&x[i])))
		})
	case []map[string]any:
		return true, walk(len(x), reverse, func(i int) error { return fn(i, len(x), x[i]) })
	}
	rv, ok := indirect(reflect.ValueOf(v))
	if ok && (rv.Kind() == reflect.Slice || (rv.Kind() == reflect.Array && rv.CanAddr())) {
		n := rv.Len()
		et := rv.Type().Elem()
		if n == 0 {
			return true, nil
		}
		base := rv.Index(0).Addr().UnsafePointer()
		size := et.Size()
		switch mode := readModeOf(et); {
		case et.Kind() == reflect.Struct:
			ptyp := typeInfoFor(et).ptrWord
			return true, walk(n, reverse, func(i int) error {
				return fn(i, n, makeIface(ptyp, unsafe.Add(base, uintptr(i)*size)))
			})
		case mode != readSlow:
			typ := typeInfoFor(et).word
			return true, walk(n, reverse, func(i int) error {
				return fn(i, n, readAt(mode, typ, unsafe.Add(base, uintptr(i)*size)))
			})
		}
		return true, walk(n, reverse, func(i int) error { return fn(i, n, rv.Index(i).Interface()) })
	}
	items, ok := Items(v)
	if !ok {
		return false, nil
	}
	return true, walk(len(items), reverse, func(i int) error { return fn(i, len(items), items[i]) })
}

// walk calls f(i) for i in [0, n), or backwards, until f fails.
func walk(n int, reverse bool, f func(i int) error) error {
	for k := range n {
		i := k
		if reverse {
			i = n - 1 - k
		}
		if err := f(i); err != nil {
			return err
		}
	}
	return nil
}
