package render

import (
	"context"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

func TestTypeInfoCached(t *testing.T) {
	typ := reflect.TypeFor[testOuter]()
	a, b := typeInfoFor(typ), typeInfoFor(typ)
	if a != b {
		t.Fatal("typeInfoFor built the table twice")
	}
}

func TestTypeInfoMembers(t *testing.T) {
	ti := typeInfoFor(reflect.TypeFor[testOuter]())
	var names []string
	for name := range ti.members {
		names = append(names, name)
	}
	want := []string{
		// fields, promoted ones included
		"Deep", "Fn", "ID", "Iface", "Name", "Next", "Tags",
		// methods of testOuter and *testOuter, promoted ones included
		"Boom", "BoomErr", "Count", "Fail", "Greeting", "NoResult", "OK", "OnlyErr",
		"PtrOnly", "ThreeResults", "Title", "WithArg", "WithCtx", "WithCtxErr",
	}
	if diff := cmp.Diff(want, names, cmpSortStrings); diff != "" {
		t.Errorf("members mismatch (-want +got):\n%s", diff)
	}
	if m := ti.members["Count"]; m.valMethod != -1 || m.ptrMethod < 0 {
		t.Errorf("Count (pointer receiver): valMethod %d, ptrMethod %d", m.valMethod, m.ptrMethod)
	}
	if m := ti.members["Title"]; m.valMethod < 0 {
		t.Errorf("Title (value receiver): valMethod %d", m.valMethod)
	}
	if m := ti.members["Name"]; !cmp.Equal(m.field, []int{0, 0}) {
		t.Errorf("Name: field path %v, want [0 0]", m.field)
	}
	if m := typeInfoFor(reflect.TypeFor[testDeepEmbed]()).members["Greeting"]; !cmp.Equal(m.via, []int{0, 0}) {
		t.Errorf("Greeting of testDeepEmbed: via %v, want [0 0]", m.via)
	}
	if m := ti.members["Greeting"]; m.via != nil {
		t.Errorf("Greeting of testOuter: via %v, want nil (no pointer on the way)", m.via)
	}
}

var cmpSortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func TestShapeOf(t *testing.T) {
	tests := []struct {
		fn   any
		want callShape
	}{
		{func() int { return 0 }, callShape{ok: true}},
		{func() (int, error) { return 0, nil }, callShape{ok: true, errLast: true}},
		{func() error { return nil }, callShape{ok: true, errLast: true, errOnly: true}},
		{func(context.Context) int { return 0 }, callShape{ok: true, ctx: true}},
		{func(context.Context) (any, error) { return 0, nil }, callShape{ok: true, ctx: true, errLast: true}},
		{func(int) int { return 0 }, callShape{}},
		{func(context.Context, int) int { return 0 }, callShape{}},
		{func(...context.Context) int { return 0 }, callShape{}},
		{func() {}, callShape{}},
		{func() (int, int) { return 0, 0 }, callShape{}},
		{func() (int, int, error) { return 0, 0, nil }, callShape{}},
	}
	for _, tt := range tests {
		if got := shapeOf(reflect.TypeOf(tt.fn), 0); got != tt.want {
			t.Errorf("shapeOf(%T) = %+v, want %+v", tt.fn, got, tt.want)
		}
	}
}

// TestNoPanic feeds every function odd values: channels, funcs, unsafe
// pointers, nested nil interfaces, values containing themselves.
func TestNoPanic(t *testing.T) {
	ctx := context.Background()
	self := []any{nil}
	self[0] = self
	selfMap := map[any]any{}
	selfMap["m"] = selfMap
	ptrSelf := new(any)
	*ptrSelf = ptrSelf
	n := 1
	var nilIface error
	values := []any{
		nil, 0, -1, 1.5, "s", SafeString("x"), true, time.Time{}, []byte("b"),
		make(chan int), (chan int)(nil), func() {}, (func())(nil), unsafe.Pointer(&n),
		unsafe.Pointer(nil), new(any), &nilIface, self, selfMap, ptrSelf,
		[]any{nil, []any{}}, map[string]any{"k": nil}, testPlain{}, &testPlain{},
		(*testPlain)(nil), testCyclic{Items: self}, complex(1, 1), uintptr(1),
		[0]int{}, testNamedAnySlice{self}, map[float64]int{1: 1}, struct{}{},
		testPtrEmbed{}, testIfaceEmbed{}, sampleOuter(),
	}
	for _, a := range values {
		String(a)
		Truthy(a)
		Len(a)
		Items(a)
		ToInt(a)
		ToFloat(a)
		Negate(a)
		Call(ctx, a, nil)
		Method(a, "String")
		for _, key := range []string{"x", "0", "-1", "items", "Name", "Greeting", "String"} {
			Lookup(ctx, a, key)
		}
		for _, b := range values {
			Equal(a, b)
			Compare(a, b)
			Contains(a, b)
			Index(ctx, a, b)
			for _, op := range []string{"+", "-", "*", "/", "%", "^"} {
				Arith(op, a, b)
			}
		}
	}
}
