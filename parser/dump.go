package parser

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Dump returns a readable, indented listing of a tree: one node a line
// with its span (line:col-line:col) when withPos is set, scalar fields
// inline and child nodes below. Golden tests compare it, and without
// positions it compares two trees.
func Dump(t *Template, withPos bool) string {
	d := dumper{withPos: withPos, t: t}
	d.value("", reflect.ValueOf(t), 0)
	return d.String()
}

type dumper struct {
	strings.Builder
	withPos bool
	t       *Template // for the lines and columns of positions
}

var (
	spanType     = reflect.TypeFor[Span]()
	tokenType    = reflect.TypeFor[[]Token]()
	templateType = reflect.TypeFor[Template]()
)

func (d *dumper) line(depth int, s string) {
	d.WriteString(strings.Repeat("  ", depth))
	d.WriteString(s)
	d.WriteByte('\n')
}

// value prints a node (pointer to struct), or a list of them, under label.
func (d *dumper) value(label string, v reflect.Value, depth int) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		return
	}
	if v.Kind() == reflect.Slice {
		if v.Len() == 0 {
			return
		}
		d.line(depth, label+":")
		for i := 0; i < v.Len(); i++ {
			d.value("", v.Index(i), depth+1)
		}
		return
	}
	s := v.Elem()
	t := s.Type()
	var head strings.Builder
	if label != "" {
		head.WriteString(label + ": ")
	}
	head.WriteString(strings.TrimSuffix(t.Name(), "Node"))
	var kids []int
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), s.Field(i)
		if !f.IsExported() || t == templateType && f.Name == "Source" {
			continue // derived from the exported fields, or the whole source
		}
		switch {
		case f.Type == spanType:
			if d.withPos {
				sp := fv.Interface().(Span)
				from, to := d.t.Position(sp.Pos), d.t.Position(sp.EndPos)
				fmt.Fprintf(&head, " @%d:%d-%d:%d", from.Line, from.Column, to.Line, to.Column)
			}
		case f.Type == tokenType:
			// the raw Args field already says it
		case fv.Kind() == reflect.String:
			if fv.String() != "" || f.Name == "Text" || f.Name == "Value" {
				head.WriteString(" " + f.Name + "=" + strconv.Quote(fv.String()))
			}
		case fv.Kind() == reflect.Bool:
			if fv.Bool() {
				head.WriteString(" " + f.Name)
			}
		case fv.Kind() == reflect.Int64, fv.Kind() == reflect.Float64:
			// NumberLit's Text says it
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			if fv.Len() > 0 {
				head.WriteString(" " + f.Name + "=" + fmt.Sprintf("%q", fv.Interface()))
			}
		default:
			kids = append(kids, i)
		}
	}
	d.line(depth, head.String())
	for _, i := range kids {
		if !t.Field(i).IsExported() {
			continue
		}
		d.value(t.Field(i).Name, s.Field(i), depth+1)
	}
}
