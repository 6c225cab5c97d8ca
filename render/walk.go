package render

import (
	"errors"
	"reflect"
)

// MaxNesting bounds how deeply a walk over a value descends: printing
// (String, {% debug %}, pprint, stringformat), json_script, unordered_list,
// and equality and order (Equal, Compare, so ==, in and ifchanged). Data
// nested deeper, acyclic or not, prints as Python's markers ("[...]",
// "{...}"), is an error, or compares unequal, instead of exhausting the
// stack.
const MaxNesting = 512

// Path errors: why Path.Enter refused a value.
var (
	// ErrCycle: the value is on the path already, it contains itself.
	ErrCycle = errors.New("the value contains itself")
	// ErrTooDeep: the path is MaxNesting long.
	ErrTooDeep = errors.New("the value is nested too deeply")
)

// Path is the chain of values a recursive walk over Go data is inside,
// outermost first. A walk calls Enter before it goes into a slice, array,
// map, struct or pointer, and Leave when it comes out. Enter refuses a
// slice, map or pointer that is already on the path (the data contains
// itself, through slices, maps, pointers, structs or interfaces: Python
// prints such a list as "[...]" and a dict as "{...}") and anything
// MaxNesting deep, so that no walk recurses forever or overflows the
// stack, whatever the data. The zero Path is empty and ready to use.
type Path struct {
	open []identity
	// on holds the identities in open (not the zero one) once open is
	// long, so that a deep walk does not compare with every ancestor.
	on map[identity]bool
}

// identity tells a slice, map or pointer apart from the others: its type,
// its data pointer and, for a slice, its length (a shorter slice of the
// same array is another list). Structs, arrays and empty containers have
// the zero identity: a value cannot contain itself without a pointer, a
// slice or a map in between.
type identity struct {
	typ reflect.Type
	ptr uintptr
	n   int
}

// pathIndexAt is the length of a path from which Enter uses a map.
const pathIndexAt = 16

func identityOf(rv reflect.Value) identity {
	switch rv.Kind() {
	case reflect.Slice:
		if rv.Len() > 0 {
			return identity{typ: rv.Type(), ptr: rv.Pointer(), n: rv.Len()}
		}
	case reflect.Map:
		if rv.Len() > 0 {
			return identity{typ: rv.Type(), ptr: rv.Pointer()}
		}
	case reflect.Pointer:
		if !rv.IsNil() {
			return identity{typ: rv.Type(), ptr: rv.Pointer()}
		}
	}
	return identity{}
}

// Enter puts rv on the path, or says why the walk must not go into it:
// ErrCycle when rv is on the path already, ErrTooDeep when the path is
// MaxNesting long. After a nil error the caller must call Leave.
func (p *Path) Enter(rv reflect.Value) error {
	if len(p.open) >= MaxNesting {
		return ErrTooDeep
	}
	id := identityOf(rv)
	if id.ptr != 0 {
		if p.on != nil {
			if p.on[id] {
				return ErrCycle
			}
		} else {
			for _, o := range p.open {
				if o == id {
					return ErrCycle
				}
			}
		}
	}
	p.open = append(p.open, id)
	switch {
	case p.on != nil:
		if id.ptr != 0 {
			p.on[id] = true
		}
	case len(p.open) > pathIndexAt:
		p.on = make(map[identity]bool, 2*len(p.open))
		for _, o := range p.open {
			if o.ptr != 0 {
				p.on[o] = true
			}
		}
	}
	return nil
}

// Leave takes the innermost value off the path.
func (p *Path) Leave() {
	id := p.open[len(p.open)-1]
	p.open = p.open[:len(p.open)-1]
	if p.on != nil && id.ptr != 0 {
		delete(p.on, id)
	}
}

// Len is the number of values on the path.
func (p *Path) Len() int { return len(p.open) }
