package render

import (
	"context"
	"reflect"
	"sync/atomic"
	"unsafe"
)

// LookupSite is one place in a template that looks up a fixed key, such as
// the .Name of {{ user.Name }}. It remembers what the key meant on the
// struct type it last saw through a pointer (a field, or a method taking
// a context), so that a loop over a slice of structs reads each field with
// two compares and a load. It is safe for concurrent use.
type LookupSite struct {
	Key  string
	last atomic.Pointer[siteEntry]
}

type siteEntry struct {
	ptrType unsafe.Pointer // type word of the *T this entry is for
	m       member
	plain   bool // the member is a field of a basic kind (see LookupPlain)
}

// cachedMember returns what Key means on v, a pointer to a struct, and
// the struct's address; ok is false when v is not such a pointer or Key is
// neither a field read from memory nor a method taking a context.
func (s *LookupSite) cachedMember(v any) (m member, p unsafe.Pointer, ok bool) {
	if e := s.last.Load(); e != nil && typeWordOf(v) == e.ptrType {
		p = dataWord(v)
		return e.m, p, p != nil
	}
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return member{}, nil, false
	}
	m, ok = typeInfoFor(t.Elem()).members[s.Key]
	if !ok || !(m.read != readSlow || m.field == nil && m.shape.ok && m.shape.ctx) {
		return member{}, nil, false
	}
	s.last.Store(&siteEntry{ptrType: typeWordOf(v), m: m, plain: m.field != nil && m.read == readInline && basicKind(m.kind)})
	p = dataWord(v)
	return m, p, p != nil
}

// Lookup is Lookup(ctx, v, s.Key), faster when v is a pointer to the same
// struct type as last time.
func (s *LookupSite) Lookup(ctx context.Context, v any) (any, bool, error) {
	if m, p, ok := s.cachedMember(v); ok && m.read != readSlow {
		return readAt(m.read, m.typ, unsafe.Add(p, m.offset)), true, nil
	}
	return Lookup(ctx, v, s.Key)
}

// LookupPlain reads Key on v when it is a field of a basic kind (a
// string, a bool or a number, named or not) of the struct v points to, as
// last time: such a value is never lazy, callable or pending, so the
// caller may use it as it is. ok is false otherwise (use LookupLazy).
func (s *LookupSite) LookupPlain(v any) (val any, ok bool) {
	if e := s.last.Load(); e != nil && e.plain && typeWordOf(v) == e.ptrType {
		if p := dataWord(v); p != nil {
			return readAt(readInline, e.m.typ, unsafe.Add(p, e.m.offset)), true
		}
	}
	return nil, false
}

// LookupLazy is s.Lookup for a template: a method of the shape
// func(context.Context) T or (T, error) on a struct reached through a
// pointer is a lazy value: it is started once per render and its Future
// is returned (see State.Lazy); other lookups are s.Lookup.
func (s *LookupSite) LookupLazy(st *State, v any) (any, bool, error) {
	st.Step()
	m, p, ok := s.cachedMember(v)
	switch {
	case ok && m.read != readSlow:
		return readAt(m.read, m.typ, unsafe.Add(p, m.offset)), true, nil
	case ok && (m.via == nil || !nilOnPath(reflect.ValueOf(v).Elem(), m.via)):
		if pol := methodPolicy(st.Ctx); pol == MethodsNone {
			return nil, false, &MethodError{Method: s.Key, Type: reflect.TypeOf(v).String(), Policy: pol}
		}
		// The bound method is made only when the value is not started yet.
		return st.lazy(p, s.Key, func() any { fn, _ := Method(v, s.Key); return fn }), true, nil
	}
	return s.Lookup(st.Ctx, v)
}
