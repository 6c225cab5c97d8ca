package render

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var errBoom = errors.New("boom")

type ctxKey struct{}

type testInner struct {
	Name   string
	Deep   int
	hidden int
}

func (i testInner) Greeting() string { return "hi " + i.Name }
func (i *testInner) PtrOnly() string { return "ptr " + i.Name }

type testOuter struct {
	testInner
	ID     int
	Tags   []string
	Next   *testOuter
	Fn     func() string
	Iface  any
	secret string
}

func (o testOuter) Title() string                   { return strings.ToUpper(o.Name) }
func (o *testOuter) Count() int                     { return len(o.Tags) }
func (o testOuter) Fail() (string, error)           { return "", errBoom }
func (o testOuter) OK() (string, error)             { return "ok", nil }
func (o testOuter) Boom() string                    { panic("kaboom") }
func (o testOuter) BoomErr() string                 { panic(errBoom) }
func (o testOuter) WithArg(x int) int               { return x * 2 }
func (o testOuter) WithCtx(ctx context.Context) any { return ctx.Value(ctxKey{}) }
func (o testOuter) WithCtxErr(context.Context) (int, error) {
	return 0, errBoom
}
func (o testOuter) OnlyErr() error { return nil }
func (o testOuter) NoResult()      {}
func (o testOuter) ThreeResults() (int, int, error) {
	return 1, 2, nil
}

//lint:ignore U1000 only looked up by name, to check that Lookup skips unexported methods
func (o testOuter) secretMethod() string { return o.secret }

type testStatus int

func (s testStatus) Label() string { return [...]string{"draft", "live"}[s] }

type testNamedMap map[string]int

func (m testNamedMap) Total() int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

type testNamedSlice []string

func (s testNamedSlice) First() string { return s[0] }

type testNamedString string

type testPtrEmbed struct {
	*testInner
	Own string
}

type shadowA struct{ Name string }
type shadowB struct{ Name string }
type testAmbiguous struct {
	shadowA
	shadowB
}
type testShadowed struct {
	shadowA
	Name int
}
type testMethodShadow struct{ testInner }

func (testMethodShadow) Name() string { return "method" }

type innerLower struct{ Visible string }
type testUnexportedEmbed struct{ innerLower }

type testIfaceEmbed struct{ error }

type testDeepEmbed struct{ testPtrEmbed }

func sampleOuter() *testOuter {
	return &testOuter{
		testInner: testInner{Name: "ann", Deep: 7, hidden: 1},
		ID:        42,
		Tags:      []string{"a", "b"},
		Fn:        func() string { return "fn" },
		secret:    "s",
	}
}

func TestLookup(t *testing.T) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "from ctx")
	outer := sampleOuter()
	outer.Next = &testOuter{ID: 43}
	var nilOuter *testOuter
	var nilMap map[string]any
	var iface any = *outer
	tm := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		v     any
		key   string
		want  any
		found bool
	}{
		// fast paths
		{"map[string]any", map[string]any{"a": 1}, "a", 1, true},
		{"map[string]any missing", map[string]any{"a": 1}, "b", nil, false},
		{"map[string]any nil value", map[string]any{"a": nil}, "a", nil, true},
		{"map[string]string", map[string]string{"a": "x"}, "a", "x", true},
		{"map[string]string missing", map[string]string{"a": "x"}, "b", nil, false},
		{"[]any index", []any{"x", "y"}, "1", "y", true},
		{"map[any]any integer key", map[any]any{1: "hello"}, "1", "hello", true},
		{"map[any]any string key first", map[any]any{1: "int", "1": "str"}, "1", "str", true},
		{"[]any negative", []any{"x", "y"}, "-1", "y", true},
		{"[]any out of range", []any{"x"}, "1", nil, false},
		{"[]any too negative", []any{"x"}, "-2", nil, false},
		{"[]any not an index", []any{"x"}, "first", nil, false},
		{"[]string", []string{"x", "y"}, "0", "x", true},
		{"[]int", []int{5, 6}, "1", 6, true},
		{"[]map[string]any", []map[string]any{{"k": 1}}, "0", map[string]any{"k": 1}, true},
		{"string rune", "héllo", "1", "é", true},
		{"string negative", "héllo", "-1", "o", true},
		{"string out of range", "hé", "2", nil, false},
		{"string attr", "abc", "upper", nil, false},
		{"SafeString", SafeString("ab"), "1", "b", true},
		{"int", 5, "x", nil, false},
		{"int64", int64(5), "0", nil, false},
		{"float64", 1.5, "x", nil, false},
		{"bool", true, "x", nil, false},
		{"nil", nil, "x", nil, false},
		{"time method", tm, "Year", 2024, true},
		{"time method named result", tm, "Month", time.March, true},

		// maps by reflection
		{"map[string]int", map[string]int{"a": 1}, "a", 1, true},
		{"map[string]int missing", map[string]int{"a": 1}, "z", nil, false},
		{"named string key", map[testNamedString]int{"a": 1}, "a", 1, true},
		{"map[any]any", map[any]any{"a": 1, 2: "two"}, "a", 1, true},
		{"map[int]string decimal key", map[int]string{2: "two"}, "2", "two", true},
		{"map[uint8]string decimal key", map[uint8]string{2: "two"}, "2", "two", true},
		{"map[int]string bad key", map[int]string{2: "two"}, "x", nil, false},
		{"named map key", testNamedMap{"a": 1, "Total": 100}, "Total", 100, true},
		{"named map method", testNamedMap{"a": 1, "b": 2}, "Total", 3, true},
		{"nil map", nilMap, "a", nil, false},
		{"nil map items", nilMap, "items", nil, false},
		{"pointer to map", &map[string]int{"a": 1}, "a", 1, true},
		{"map key shadows items", map[string]any{"items": "mine"}, "items", "mine", true},
		{"map items", map[string]any{"b": 2, "a": 1}, "items", []any{[]any{"a", 1}, []any{"b", 2}}, true},
		{"map keys", map[string]string{"b": "2", "a": "1"}, "keys", []any{"a", "b"}, true},
		{"map values", map[string]int{"b": 2, "a": 1}, "values", []any{1, 2}, true},
		{"map items int keys", map[int]string{10: "x", 9: "y"}, "items", []any{[]any{9, "y"}, []any{10, "x"}}, true},

		// structs
		{"field through pointer", outer, "ID", 42, true},
		{"promoted field", outer, "Name", "ann", true},
		{"embedded struct itself", outer, "testInner", nil, false},
		{"unexported field", outer, "secret", nil, false},
		{"unexported promoted field", outer, "hidden", nil, false},
		{"missing field", outer, "Nope", nil, false},
		{"slice field", outer, "Tags", []string{"a", "b"}, true},
		{"nil pointer field", sampleOuter(), "Next", (*testOuter)(nil), true},
		{"func field is not called", outer, "Iface", nil, true},
		{"value method through pointer", outer, "Title", "ANN", true},
		{"pointer method through pointer", outer, "Count", 2, true},
		{"promoted value method", outer, "Greeting", "hi ann", true},
		{"promoted pointer method through pointer", outer, "PtrOnly", "ptr ann", true},
		{"struct value field", *outer, "ID", 42, true},
		{"struct value method", *outer, "Title", "ANN", true},
		{"struct value pointer method on a copy", *outer, "Count", 2, true},
		{"interface holding struct", &iface, "ID", 42, true},
		{"nil pointer", nilOuter, "ID", nil, false},
		{"nil pointer method", nilOuter, "Title", nil, false},
		{"pointer to pointer", &outer, "ID", 42, true},
		{"method returning (T, nil)", outer, "OK", "ok", true},
		{"method with ctx", outer, "WithCtx", "from ctx", true},
		{"method returning nil error only", outer, "OnlyErr", nil, true},
		{"method with args", outer, "WithArg", nil, false},
		{"method without result", outer, "NoResult", nil, false},
		{"method with three results", outer, "ThreeResults", nil, false},
		{"unexported method", outer, "secretMethod", nil, false},
		{"named int method", testStatus(1), "Label", "live", true},
		{"named slice method", testNamedSlice{"x", "y"}, "First", "x", true},
		{"named slice index", testNamedSlice{"x", "y"}, "1", "y", true},
		{"array index", [2]int{3, 4}, "-1", 4, true},
		{"named string index", testNamedString("ab"), "0", "a", true},
		{"embedded pointer field", testPtrEmbed{testInner: &testInner{Name: "p"}}, "Name", "p", true},
		{"embedded pointer method", testPtrEmbed{testInner: &testInner{Name: "p"}}, "PtrOnly", "ptr p", true},
		{"nil embedded pointer field", testPtrEmbed{Own: "o"}, "Name", nil, false},
		{"nil embedded pointer, own field", testPtrEmbed{Own: "o"}, "Own", "o", true},
		{"ambiguous field", testAmbiguous{}, "Name", nil, false},
		{"shallower field wins", testShadowed{shadowA{"a"}, 5}, "Name", 5, true},
		{"method shadows promoted field", testMethodShadow{testInner{Name: "f"}}, "Name", "method", true},
		{"exported field of unexported embed", testUnexportedEmbed{innerLower{"v"}}, "Visible", "v", true},
		{"nil embedded interface", testIfaceEmbed{}, "Error", nil, false},
		{"embedded interface", testIfaceEmbed{errBoom}, "Error", "boom", true},
		{"nil embedded pointer promoted value method", testPtrEmbed{}, "Greeting", nil, false},
		{"nil embedded pointer promoted pointer method", &testPtrEmbed{}, "PtrOnly", nil, false},
		{"embedded pointer promoted value method", testPtrEmbed{testInner: &testInner{Name: "q"}}, "Greeting", "hi q", true},
		{"deeply promoted through nil pointer", testDeepEmbed{}, "Greeting", nil, false},
		{"deeply promoted", testDeepEmbed{testPtrEmbed{testInner: &testInner{Name: "d"}}}, "Greeting", "hi d", true},
		{"chan", make(chan int), "x", nil, false},
		{"func", func() {}, "x", nil, false},
		{"nested nil interface", new(any), "x", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := Lookup(ctx, tt.v, tt.key)
			if err != nil {
				t.Fatalf("Lookup(%T, %q) error: %v", tt.v, tt.key, err)
			}
			if found != tt.found {
				t.Fatalf("Lookup(%T, %q) found = %v, want %v (value %#v)", tt.v, tt.key, found, tt.found, got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Lookup(%T, %q) mismatch (-want +got):\n%s", tt.v, tt.key, diff)
			}
		})
	}
}

func TestLookupFuncFieldNotCalled(t *testing.T) {
	got, found, err := Lookup(context.Background(), sampleOuter(), "Fn")
	if err != nil || !found {
		t.Fatalf("Lookup Fn: found=%v err=%v", found, err)
	}
	fn, ok := got.(func() string)
	if !ok || fn() != "fn" {
		t.Fatalf("Lookup Fn = %#v, want the func itself", got)
	}
	got, found, _ = Lookup(context.Background(), map[string]any{"f": func() int { return 1 }}, "f")
	if _, ok := got.(func() int); !found || !ok {
		t.Fatalf("Lookup of a func map value = %#v, %v; want the func", got, found)
	}
}

func TestLookupErrors(t *testing.T) {
	outer := sampleOuter()
	tests := []struct {
		key     string
		wantIs  error
		wantMsg string
	}{
		{"Fail", errBoom, "boom"},
		{"WithCtxErr", errBoom, "boom"},
		{"Boom", nil, "method Boom of render.testOuter panicked: kaboom"},
		{"BoomErr", errBoom, "method BoomErr of render.testOuter panicked: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, found, err := Lookup(context.Background(), outer, tt.key)
			if err == nil {
				t.Fatalf("Lookup(%q) = %v, %v, nil; want an error", tt.key, got, found)
			}
			if found || got != nil {
				t.Errorf("Lookup(%q) = %v, %v with an error; want nil, false", tt.key, got, found)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("error = %q, want %q", err, tt.wantMsg)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
		})
	}
}

func TestLookupNilContext(t *testing.T) {
	var nilCtx context.Context // a nil context must not crash a ctx-taking method
	got, found, err := Lookup(nilCtx, sampleOuter(), "WithCtx")
	if err != nil || !found || got != nil {
		t.Fatalf("Lookup(nil ctx) = %v, %v, %v; want nil, true, nil", got, found, err)
	}
}

// Pointer-receiver methods on a non-addressable value run on a copy, so
// they cannot change the caller's value.
func TestLookupPointerMethodOnCopy(t *testing.T) {
	c := &testCounter{}
	if _, _, err := Lookup(context.Background(), *c, "Incr"); err != nil {
		t.Fatal(err)
	}
	if c.N != 0 {
		t.Fatalf("a pointer method reached through a value changed the original: N = %d", c.N)
	}
	if v, _, _ := Lookup(context.Background(), c, "Incr"); v != 1 || c.N != 1 {
		t.Fatalf("through the pointer: got %v, N = %d; want 1, 1", v, c.N)
	}
}

type testCounter struct{ N int }

func (c *testCounter) Incr() int { c.N++; return c.N }

func TestMethod(t *testing.T) {
	outer := sampleOuter()
	tests := []struct {
		name  string
		v     any
		key   string
		args  []any
		want  any
		found bool
	}{
		{"method with args", outer, "WithArg", []any{int64(4)}, 8, true},
		{"no-arg method", outer, "Title", nil, "ANN", true},
		{"pointer method on value", *outer, "Count", nil, 2, true},
		{"promoted", outer, "Greeting", nil, "hi ann", true},
		{"field is not a method", outer, "ID", nil, nil, false},
		{"missing", outer, "Nope", nil, nil, false},
		{"nil pointer", (*testOuter)(nil), "Title", nil, nil, false},
		{"nil", nil, "Title", nil, nil, false},
		{"named int", testStatus(0), "Label", nil, "draft", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn, found := Method(tt.v, tt.key)
			if found != tt.found {
				t.Fatalf("Method found = %v, want %v", found, tt.found)
			}
			if !found {
				return
			}
			got, err := Call(context.Background(), fn, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	outer := sampleOuter()
	tests := []struct {
		name  string
		v     any
		i     any
		want  any
		found bool
	}{
		{"[]any int", []any{"a", "b"}, 1, "b", true},
		{"[]any negative", []any{"a", "b"}, -2, "a", true},
		{"[]any out of range", []any{"a"}, 1, nil, false},
		{"[]any int64", []any{"a", "b"}, int64(1), "b", true},
		{"[]any uint8", []any{"a", "b"}, uint8(1), "b", true},
		{"[]any integral float", []any{"a", "b"}, 1.0, "b", true},
		{"[]any fractional float", []any{"a", "b"}, 1.5, nil, false},
		{"[]any string index", []any{"a", "b"}, "1", nil, false},
		{"[]any bool", []any{"a", "b"}, true, nil, false},
		{"[]string", []string{"a", "b"}, 0, "a", true},
		{"[]int by reflection", []int{1, 2}, -1, 2, true},
		{"array", [2]string{"x", "y"}, 1, "y", true},
		{"string", "héllo", 1, "é", true},
		{"string negative", "héllo", -1, "o", true},
		{"SafeString", SafeString("ab"), 0, "a", true},
		{"named string", testNamedString("ab"), 1, "b", true},
		{"map[string]any", map[string]any{"k": 1}, "k", 1, true},
		{"map[string]any SafeString key", map[string]any{"k": 1}, SafeString("k"), 1, true},
		{"map[string]any named string key", map[string]any{"k": 1}, testNamedString("k"), 1, true},
		{"map[string]any int key", map[string]any{"1": 1}, 1, nil, false},
		{"map[string]any missing", map[string]any{"k": 1}, "x", nil, false},
		{"map[int]string", map[int]string{1: "one"}, 1, "one", true},
		{"map[int]string from int64", map[int]string{1: "one"}, int64(1), "one", true},
		{"map[int]string from float", map[int]string{1: "one"}, 1.0, "one", true},
		{"map[int]string from string", map[int]string{1: "one"}, "1", nil, false},
		{"map[int8]string overflow", map[int8]string{1: "one"}, 257, nil, false},
		{"map[float64]string from int", map[float64]string{2: "two"}, 2, "two", true},
		{"map[string]int named key", map[testNamedString]int{"a": 1}, "a", 1, true},
		{"map[any]any", map[any]any{1: "one"}, 1, "one", true},
		{"map[any]any cross kind", map[any]any{1: "one"}, 1.0, "one", true},
		{"map[any]any safe key", map[any]any{"k": 1}, SafeString("k"), 1, true},
		{"map[any]any unhashable", map[any]any{"k": 1}, []any{1}, nil, false},
		{"map[bool]int", map[bool]int{true: 1}, true, 1, true},
		{"map[bool]int from int", map[bool]int{true: 1}, 1, nil, false},
		{"map[uint]string", map[uint]string{1: "one"}, 1, "one", true},
		{"map[uint]string negative", map[uint]string{1: "one"}, -1, nil, false},
		{"map[uint]string from float", map[uint]string{1: "one"}, 1.0, "one", true},
		{"map[uint]string from fractional float", map[uint]string{1: "one"}, 1.5, nil, false},
		{"map[uint8]string overflow", map[uint8]string{1: "one"}, uint64(257), nil, false},
		{"map[uint64]string big", map[uint64]string{math.MaxUint64: "max"}, uint64(math.MaxUint64), "max", true},
		{"map[int]string big uint", map[int]string{1: "one"}, uint64(math.MaxUint64), nil, false},
		{"map[int]string from bool", map[int]string{1: "one"}, true, nil, false},
		{"map[float32]string exact", map[float32]string{0.5: "half"}, 0.5, "half", true},
		{"map[float32]string inexact", map[float32]string{0.1: "tenth"}, 0.1, nil, false},
		{"map[float64]string inexact int", map[float64]string{1 << 53: "x"}, int64(1<<53 + 1), nil, false},
		{"map[float64]string inexact uint", map[float64]string{1 << 64: "x"}, uint64(math.MaxUint64), nil, false},
		{"map[float64]string uint", map[float64]string{1 << 63: "x"}, uint64(1 << 63), "x", true},
		{"map[string]int from int", map[string]int{"1": 1}, 1, nil, false},
		{"map[struct]int", map[testPlain]int{{1}: 5}, testPlain{1}, 5, true},
		{"map[struct]int other type", map[testPlain]int{{1}: 5}, 1, nil, false},
		{"map[any]any nil key", map[any]any{nil: 1}, nil, 1, true},
		{"map[string]int nil key", map[string]int{"": 1}, nil, nil, false},
		{"[]any named int", []any{"a", "b"}, testNamedInt(1), "b", true},
		{"[]any float32", []any{"a", "b"}, float32(1), "b", true},
		{"[]any huge uint", []any{"a", "b"}, uint64(math.MaxUint64), nil, false},
		{"[]any huge float", []any{"a", "b"}, 1e300, nil, false},
		{"[]any NaN", []any{"a", "b"}, math.NaN(), nil, false},
		{"[]any nil index", []any{"a"}, nil, nil, false},
		{"pointer to slice", &[]any{"a"}, 0, "a", true},
		{"struct by string", outer, "ID", 42, true},
		{"struct by int", outer, 0, nil, false},
		{"nil", nil, 0, nil, false},
		{"nil pointer", (*[]any)(nil), 0, nil, false},
		{"number", 5, 0, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := Index(context.Background(), tt.v, tt.i)
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.found {
				t.Fatalf("Index(%T, %#v) found = %v, want %v (value %#v)", tt.v, tt.i, found, tt.found, got)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Index(%T, %#v) mismatch (-want +got):\n%s", tt.v, tt.i, diff)
			}
		})
	}
}

type testCtxFuncs struct{}

func (testCtxFuncs) Join(sep string, parts ...string) string { return strings.Join(parts, sep) }

func TestCall(t *testing.T) {
	ctx := context.WithValue(context.Background(), ctxKey{}, "v")
	tests := []struct {
		name    string
		fn      any
		args    []any
		want    any
		wantErr string
	}{
		{"func() any", func() any { return 1 }, nil, 1, ""},
		{"func() any with args", func() any { return 1 }, []any{1}, nil, "expected 0 arguments, got 1"},
		{"func(any) any", func(a any) any { return a }, []any{"x"}, "x", ""},
		{"func(any) any count", func(a any) any { return a }, nil, nil, "expected 1 argument, got 0"},
		{"func(...any) any", func(a ...any) any { return len(a) }, []any{1, 2, 3}, 3, ""},
		{"func() (any, error)", func() (any, error) { return 1, nil }, nil, 1, ""},
		{"func() (any, error) failing", func() (any, error) { return 1, errBoom }, nil, nil, "boom"},
		{"func(...any) (any, error)", func(a ...any) (any, error) { return a[0], nil }, []any{"z"}, "z", ""},
		{"func(ctx) (any, error)", func(c context.Context) (any, error) { return c.Value(ctxKey{}), nil }, nil, "v", ""},
		{"func(ctx, ...any) (any, error)", func(c context.Context, a ...any) (any, error) { return len(a), nil }, []any{1}, 1, ""},
		{"func() string", func() string { return "s" }, nil, "s", ""},
		{"reflect int conversion", func(a int8, b uint) int { return int(a) + int(b) }, []any{int64(2), 3}, 5, ""},
		{"reflect int overflow", func(a int8) int { return int(a) }, []any{300}, nil, "argument 1: expected int8, got int"},
		{"reflect negative to uint", func(a uint) uint { return a }, []any{-1}, nil, "argument 1: expected uint, got int"},
		{"reflect float from int", func(f float64) float64 { return f / 2 }, []any{3}, 1.5, ""},
		{"reflect int from integral float", func(i int) int { return i }, []any{2.0}, 2, ""},
		{"reflect int from fractional float", func(i int) int { return i }, []any{2.5}, nil, "argument 1: expected int, got float64"},
		{"reflect bool is not an int", func(i int) int { return i }, []any{true}, nil, "argument 1: expected int, got bool"},
		{"reflect string from SafeString", func(s string) string { return s + "!" }, []any{SafeString("a")}, "a!", ""},
		{"reflect SafeString from string refused", func(s SafeString) SafeString { return s }, []any{"<b>"}, nil, "argument 1: expected render.SafeString, got string"},
		{"reflect SafeString from SafeString", func(s SafeString) SafeString { return s }, []any{SafeString("<b>")}, SafeString("<b>"), ""},
		{"reflect named string", func(s testNamedString) string { return string(s) }, []any{"x"}, "x", ""},
		{"reflect string from int refused", func(s string) string { return s }, []any{65}, nil, "argument 1: expected string, got int"},
		{"reflect interface param", func(e error) string { return e.Error() }, []any{errBoom}, "boom", ""},
		{"reflect nil to pointer", func(p *int) bool { return p == nil }, []any{nil}, true, ""},
		{"reflect nil to int", func(i int) int { return i }, []any{nil}, nil, "argument 1: expected int, got nil"},
		{"reflect slice conversion", func(s []string) int { return len(s) }, []any{[]any{"a", "b"}}, 2, ""},
		{"reflect slice conversion fails", func(s []string) int { return len(s) }, []any{[]any{"a", 1}}, nil, "argument 1: expected []string, got []interface {}"},
		{"reflect ctx first", func(c context.Context, n int) string { return c.Value(ctxKey{}).(string) + String(n) }, []any{2}, "v2", ""},
		{"reflect variadic", func(sep string, parts ...string) string { return strings.Join(parts, sep) }, []any{"-", "a", "b"}, "a-b", ""},
		{"reflect variadic none", func(sep string, parts ...string) string { return strings.Join(parts, sep) }, []any{"-"}, "", ""},
		{"reflect variadic too few", func(sep string, parts ...string) string { return "" }, nil, nil, "expected at least 1 argument, got 0"},
		{"reflect variadic bad", func(sep string, parts ...string) string { return "" }, []any{"-", 1}, nil, "argument 2: expected string, got int"},
		{"reflect wrong count", func(a, b int) int { return a + b }, []any{1}, nil, "expected 2 arguments, got 1"},
		{"reflect (T, error)", func(n int) (int, error) { return n, nil }, []any{1}, 1, ""},
		{"reflect (T, error) failing", func(n int) (int, error) { return n, errBoom }, []any{1}, nil, "boom"},
		{"reflect error only", func() error { return errBoom }, nil, nil, "boom"},
		{"reflect error only nil", func() error { return nil }, nil, nil, ""},
		{"reflect no result", func() {}, nil, nil, ""},
		{"reflect three results", func() (int, int, error) { return 1, 2, nil }, nil, nil, "cannot call func() (int, int, error): it returns 3 values"},
		{"reflect second result not error", func() (int, int) { return 1, 2 }, nil, nil, "cannot call func() (int, int): its second result is not an error"},
		{"panic", func() any { panic("oops") }, nil, nil, "call of func() interface {} panicked: oops"},
		{"reflect panic", func(int) int { panic("oops") }, []any{1}, nil, "call of func(int) int panicked: oops"},
		{"not a func", 5, nil, nil, "cannot call int: not a function"},
		{"nil", nil, nil, nil, "cannot call nil"},
		{"nil func", (func(int) int)(nil), []any{1}, nil, "cannot call a nil func(int) int"},
		{"method value", testCtxFuncs{}.Join, []any{"+", "a", "b"}, "a+b", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Call(ctx, tt.fn, tt.args)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Call error = %v, want %q", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("Call returned %v with an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Call error: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Call mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCallPanicWrapsError(t *testing.T) {
	_, err := Call(context.Background(), func() any { panic(errBoom) }, nil)
	if !errors.Is(err, errBoom) {
		t.Fatalf("errors.Is(%v, errBoom) = false", err)
	}
	var nilCtx context.Context
	got, err := Call(nilCtx, func(c context.Context) (any, error) { return c != nil, nil }, nil)
	if err != nil || got != true {
		t.Fatalf("Call with a nil context = %v, %v; want a non-nil context passed", got, err)
	}
}

func TestLookupFieldAllocs(t *testing.T) {
	ctx := context.Background()
	outer := sampleOuter()
	var v any = outer
	tests := []struct {
		key  string
		max  float64
		desc string
	}{
		{"Next", 0, "pointer field: no boxing"},
		{"Tags", 1, "slice field: the boxing only"},
		{"Name", 1, "promoted string field: the boxing only"},
	}
	for _, tt := range tests {
		allocs := testing.AllocsPerRun(100, func() {
			if _, found, _ := Lookup(ctx, v, tt.key); !found {
				t.Fatal("not found")
			}
		})
		if allocs > tt.max {
			t.Errorf("Lookup %s: %v allocations, want at most %v (%s)", tt.key, allocs, tt.max, tt.desc)
		}
	}
	m := map[string]any{"a": 1}
	var mv any = m
	if allocs := testing.AllocsPerRun(100, func() { Lookup(ctx, mv, "a") }); allocs != 0 {
		t.Errorf("Lookup in map[string]any: %v allocations, want 0", allocs)
	}
}

// TestTypeCacheConcurrent looks up in many goroutines at once, for -race.
func TestTypeCacheConcurrent(t *testing.T) {
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 100 {
				Lookup(context.Background(), sampleOuter(), "Name")
				Lookup(context.Background(), testShadowed{}, "Name")
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}

func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	var m any = map[string]any{"name": "ann", "id": 42, "tags": []string{"a"}}
	var ptr any = sampleOuter()
	var val any = *sampleOuter()
	b.Run("map[string]any", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, m, "name")
		}
	})
	b.Run("struct field via pointer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, ptr, "ID")
		}
	})
	b.Run("promoted string field via pointer", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, ptr, "Name")
		}
	})
	b.Run("struct field via value", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, val, "Tags")
		}
	})
	b.Run("struct method", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, ptr, "Title")
		}
	})
	b.Run("struct method with ctx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Lookup(ctx, ptr, "WithCtx")
		}
	})
}
