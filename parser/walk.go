package parser

import "reflect"

// Walk calls fn for each node of ns and, depth first, the nodes inside
// them (bodies of tags, of their clauses and branches), in source order.
// fn returning false skips the node's insides.
func Walk(ns []Node, fn func(Node) bool) {
	for _, n := range ns {
		if n == nil || !fn(n) {
			continue
		}
		walkInside(reflect.ValueOf(n), fn)
	}
}

var nodeType = reflect.TypeFor[Node]()

// walkInside walks the nodes held by the fields of v (a node, or a clause
// or branch of one).
func walkInside(v reflect.Value, fn func(Node) bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() {
			continue
		}
		switch {
		case f.Type() == reflect.TypeFor[[]Node]():
			Walk(f.Interface().([]Node), fn)
		case f.Type().Implements(nodeType) && f.Kind() == reflect.Interface:
			if !f.IsNil() {
				Walk([]Node{f.Interface().(Node)}, fn)
			}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Pointer && f.Type().Elem().Elem().Kind() == reflect.Struct:
			for j := 0; j < f.Len(); j++ {
				if e := f.Index(j); !e.Type().Implements(nodeType) {
					walkInside(e, fn) // a clause or a branch
				}
			}
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.Struct && !f.Type().Implements(nodeType) && f.Type().Elem().Name() == "Clause":
			walkInside(f, fn)
		}
	}
}
