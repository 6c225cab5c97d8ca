package render

import (
	"reflect"
	"unsafe"
)

// This file builds interface values that point at memory already owned by
// the caller's data (a struct field, a slice element) instead of copying
// the value into a new allocation, as reflect.Value.Interface does. A
// render only reads its data, and data must not change while a render
// reads it (that would be a data race anyway), so sharing the memory is
// safe; the garbage collector keeps the whole object alive through an
// interior pointer.

// eface is the layout of an empty interface.
type eface struct {
	typ, data unsafe.Pointer
}

// typeWord returns the type word of interfaces holding a value of type t.
func typeWord(t reflect.Type) unsafe.Pointer {
	z := reflect.New(t).Elem().Interface()
	return (*eface)(unsafe.Pointer(&z)).typ
}

// typeWordOf returns the type word of v.
func typeWordOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// dataWord returns the data word of v: for pointer-shaped values the
// pointer itself.
func dataWord(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).data }

// makeIface returns an interface with the given type and data words.
func makeIface(typ, data unsafe.Pointer) (v any) {
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, data
	return v
}

// readMode says how a value of some type is read out of memory into an
// interface without copying.
type readMode uint8

const (
	readSlow     readMode = iota // use reflect
	readInline                   // the interface points at the memory
	readPointer                  // the memory holds the interface's data word
	readEmptyAny                 // the memory holds an any
)

// readModeOf classifies t. Only kinds whose interface representation is
// certain are read without reflect: a struct or array of one pointer is
// stored in the interface word itself, so those go the slow way.
func readModeOf(t reflect.Type) readMode {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.Slice:
		return readInline
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return readPointer
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return readEmptyAny
		}
	}
	return readSlow
}

// readAt reads the value of the type with type word typ at addr.
func readAt(mode readMode, typ, addr unsafe.Pointer) any {
	switch mode {
	case readInline:
		return makeIface(typ, addr)
	case readPointer:
		return makeIface(typ, *(*unsafe.Pointer)(addr))
	default: // readEmptyAny
		return *(*any)(addr)
	}
}
