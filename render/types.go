package render

import (
	"context"
	"reflect"
	"sync"
	"unsafe"
)

// typeCache is a cache, not state: it maps a reflect.Type to the *typeInfo
// Lookup needs for it. An entry is computed once per type, never changes
// afterwards, and means the same to every engine and goroutine (the way
// encoding/json caches its struct fields). It is the package's only
// package-level variable.
var typeCache sync.Map // map[reflect.Type]*typeInfo

// typeInfo is what Lookup knows about one non-pointer Go type T: its
// exported fields (when T is a struct, promoted fields included) and the
// exported methods of T and *T, by Go name.
type typeInfo struct {
	members map[string]member
	// word and ptrWord are the type words of T and *T (see iface.go).
	word, ptrWord unsafe.Pointer
}

// member is a field or a method of a type, as reached by a selector x.Name.
type member struct {
	// field is the index path of a field (through embedded structs, maybe
	// through embedded pointers); nil for a method.
	field []int
	// valMethod is the method's index in T's method set, -1 when only *T
	// has it (a pointer receiver).
	valMethod int
	// ptrMethod is the method's index in *T's method set.
	ptrMethod int
	// shape says how Lookup may call the method.
	shape callShape
	// via is the index path of the embedded field a promoted method comes
	// from, when that path holds a pointer or an interface: the method is
	// unreachable (not found) while one of them is nil.
	via []int
	// For a field reached without crossing a pointer, read is how to read
	// it straight from memory at offset from the struct's address, and typ
	// its type word (see iface.go); read is readSlow otherwise.
	read   readMode
	offset uintptr
	typ    unsafe.Pointer
	kind   reflect.Kind // a field's kind
}

// basicKind reports whether k is a string, a bool or a number.
func basicKind(k reflect.Kind) bool {
	return k == reflect.String || k == reflect.Bool || reflect.Int <= k && k <= reflect.Complex128
}

// callShape classifies a method's signature for Lookup.
type callShape struct {
	// ok: Lookup may call the method: it takes no argument or one
	// context.Context, and returns T, (T, error) or error.
	ok bool
	// ctx: the single argument is a context.Context.
	ctx bool
	// errLast: the last result is an error (the only one for func() error).
	errLast bool
	// errOnly: the method returns just an error.
	errOnly bool
}

// contextType is the type of context.Context.
func contextType() reflect.Type { return reflect.TypeFor[context.Context]() }

// errorType is the type of error.
func errorType() reflect.Type { return reflect.TypeFor[error]() }

// typeInfoFor returns the (cached) typeInfo of t, a non-pointer type.
func typeInfoFor(t reflect.Type) *typeInfo {
	if ti, ok := typeCache.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti, _ := typeCache.LoadOrStore(t, buildTypeInfo(t))
	return ti.(*typeInfo)
}

// buildTypeInfo computes the members of t. Go's selector rules decide what
// a name means: reflect.VisibleFields drops fields that are shadowed or
// ambiguous, and reflect's method sets hold only the methods a selector
// reaches, so a method in the method set wins over a field of the same name
// (a shallower field would have removed the method from the set).
func buildTypeInfo(t reflect.Type) *typeInfo {
	ti := &typeInfo{word: typeWord(t), ptrWord: typeWord(reflect.PointerTo(t))}
	pt := reflect.PointerTo(t)
	n := pt.NumMethod()
	if t.Kind() == reflect.Struct {
		n += t.NumField()
	}
	if n == 0 {
		return ti
	}
	ti.members = make(map[string]member, n)
	if t.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(t) {
			if !f.IsExported() {
				continue
			}
			m := member{field: f.Index, valMethod: -1, ptrMethod: -1, kind: f.Type.Kind()}
			if off, ok := directOffset(t, f.Index); ok {
				if m.read = readModeOf(f.Type); m.read != readSlow {
					m.offset, m.typ = off, typeWord(f.Type)
				}
			}
			ti.members[f.Name] = m
		}
	}
	if t.Kind() != reflect.Interface {
		for i := range pt.NumMethod() {
			m := pt.Method(i)
			mem := member{valMethod: -1, ptrMethod: i, shape: shapeOf(m.Type, 1)}
			if t.Kind() == reflect.Struct {
				if path, ok := promotedFrom(t, m.Name, 0); ok && pathHasNil(t, path) {
					mem.via = path
				}
			}
			ti.members[m.Name] = mem
		}
		for i := range t.NumMethod() {
			m := t.Method(i)
			mem := ti.members[m.Name]
			mem.valMethod = i
			ti.members[m.Name] = mem
		}
	}
	return ti
}

// directOffset returns the offset of the field at path in the struct t
// when the path crosses no pointer.
func directOffset(t reflect.Type, path []int) (uintptr, bool) {
	var off uintptr
	for _, i := range path {
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		f := t.Field(i)
		off += f.Offset
		t = f.Type
	}
	return off, true
}

// shapeOf classifies the func type ft, whose first skip parameters are not
// the caller's business (1 for a method expression's receiver).
func shapeOf(ft reflect.Type, skip int) callShape {
	var s callShape
	switch ft.NumIn() - skip {
	case 0:
	case 1:
		if ft.In(skip) != contextType() || ft.IsVariadic() {
			return s
		}
		s.ctx = true
	default:
		return s
	}
	switch ft.NumOut() {
	case 1:
		s.errLast = ft.Out(0) == errorType()
		s.errOnly = s.errLast
	case 2:
		if ft.Out(1) != errorType() {
			return s
		}
		s.errLast = true
	default:
		return s
	}
	s.ok = true
	return s
}

// promotedFrom returns the index path of the embedded field that the method
// name of the struct t is promoted from, following Go's rule that the
// shallowest embedding wins; ok is false when no embedded field provides
// it (t declares it). reflect cannot tell a method t declares from one it
// promotes, so when t declares a method that an embedded field has too,
// the path is the embedded field's: Lookup then treats the method as
// missing while that field is a nil pointer, a harmless corner.
func promotedFrom(t reflect.Type, name string, depth int) (path []int, ok bool) {
	if t.Kind() != reflect.Struct || depth > 16 {
		return nil, false
	}
	best := -1
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.Anonymous || !hasMethod(f.Type, name) {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		sub, _ := promotedFrom(ft, name, depth+1)
		if best < 0 || len(sub)+1 < best {
			best = len(sub) + 1
			path = append([]int{i}, sub...)
		}
	}
	return path, best >= 0
}

// hasMethod reports whether a value of type t, addressable, has the method.
func hasMethod(t reflect.Type, name string) bool {
	if t.Kind() != reflect.Interface && t.Kind() != reflect.Pointer {
		t = reflect.PointerTo(t)
	}
	_, ok := t.MethodByName(name)
	return ok
}

// pathHasNil reports whether the field path through the struct t crosses
// a pointer or an interface, which may be nil.
func pathHasNil(t reflect.Type, path []int) bool {
	for _, i := range path {
		if t.Kind() == reflect.Pointer {
			return true
		}
		t = t.Field(i).Type
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
			return true
		}
	}
	return false
}
