package render

import (
	"context"
	"reflect"
	"sync/atomic"
	"unsafe"
)

// LookupSite is one place in a template that looks up a fixed key, such as
// the .Name of {{ user.Name }}. It remembers how it last read a struct
// field, so that a loop over a slice of structs reads each field with two
// compares and a load. It is safe for concurrent use.
type LookupSite struct {
	Key  string
	last atomic.Pointer[siteEntry]
}

type siteEntry struct {
	ptrType unsafe.Pointer // type word of the *T this entry is for
	m       member
}

// Lookup is Lookup(ctx, v, s.Key), faster when v is a pointer to the same
// struct type as last time.
func (s *LookupSite) Lookup(ctx context.Context, v any) (any, bool, error) {
	if e := s.last.Load(); e != nil && typeWordOf(v) == e.ptrType {
		if p := dataWord(v); p != nil {
			return readAt(e.m.read, e.m.typ, unsafe.Add(p, e.m.offset)), true, nil
		}
	}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if m, ok := typeInfoFor(t.Elem()).members[s.Key]; ok && m.read != readSlow {
			s.last.Store(&siteEntry{ptrType: typeWordOf(v), m: m})
		}
	}
	return Lookup(ctx, v, s.Key)
}

// LookupLazy is s.Lookup for a template: a method of the shape
// func(context.Context) T or (T, error) on a struct reached through a
// pointer is a lazy value: it is started once per render and its Future
// is returned (see State.Lazy); other lookups are s.Lookup.
func (s *LookupSite) LookupLazy(st *State, v any) (any, bool, error) {
	if e := s.last.Load(); e != nil && typeWordOf(v) == e.ptrType {
		if p := dataWord(v); p != nil {
			return readAt(e.m.read, e.m.typ, unsafe.Add(p, e.m.offset)), true, nil
		}
	}
	if t := reflect.TypeOf(v); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		if p := dataWord(v); p != nil {
			if m, ok := typeInfoFor(t.Elem()).members[s.Key]; ok && m.field == nil && m.shape.ok && m.shape.ctx {
				if fn, ok := Method(v, s.Key); ok {
					return st.Lazy(p, s.Key, fn), true, nil
				}
			}
		}
	}
	return s.Lookup(st.Ctx, v)
}
