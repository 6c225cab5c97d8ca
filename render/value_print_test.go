package render

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

type testStringer struct{ s string }

func (t testStringer) String() string { return "<" + t.s + ">" }

type testPtrStringer struct{ s string }

func (t *testPtrStringer) String() string { return "*" + t.s }

type testPanicStringer struct{}

func (testPanicStringer) String() string { panic("bad") }

type testCyclic struct {
	Name  string
	Items []any
}

func TestStringFloat(t *testing.T) {
	// Expected values are Python's str()/repr() of the same float.
	tests := []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"},
		{1 / 3.0, "0.3333333333333333"},
		{2 / 3.0, "0.6666666666666666"},
		{1e16, "1e+16"},
		{1e15, "1000000000000000.0"},
		{9999999999999998.0, "9999999999999998.0"},
		{123456789012345680.0, "1.2345678901234568e+17"},
		{1e-4, "0.0001"},
		{1.5e-4, "0.00015"},
		{1e-5, "1e-05"},
		{1.5e-7, "1.5e-07"},
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{1, "1.0"},
		{-1, "-1.0"},
		{100, "100.0"},
		{2.5, "2.5"},
		{-2.5, "-2.5"},
		{12345.678, "12345.678"},
		{1e22, "1e+22"},
		{1e100, "1e+100"},
		{1.7976931348623157e308, "1.7976931348623157e+308"},
		{5e-324, "5e-324"},
		{2.2250738585072014e-308, "2.2250738585072014e-308"},
		{0.30000000000000004, "0.30000000000000004"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
	}
	for _, tt := range tests {
		if got := String(tt.f); got != tt.want {
			t.Errorf("String(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	var nilPtr *testPlain
	var nilStringer *testPtrStringer
	var nilErr *testErr
	var nilFunc func()
	var nilChan chan int
	var nilMap map[string]any
	n := 5
	pn := &n
	s := "x"
	utc := time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)
	zone := time.FixedZone("", -(5*3600 + 30*60))
	oddZone := time.FixedZone("", 3600+61)
	ch := make(chan int)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"string", "a'b", "a'b"},
		{"SafeString", SafeString("<b>"), "<b>"},
		{"nil", nil, "None"},
		{"nil pointer", nilPtr, "None"},
		{"true", true, "True"},
		{"false", false, "False"},
		{"int", -12, "-12"},
		{"int64", int64(1) << 62, "4611686018427387904"},
		{"int8", int8(-8), "-8"},
		{"uint64", uint64(math.MaxUint64), "18446744073709551615"},
		{"uintptr", uintptr(7), "7"},
		{"float32", float32(0.1), "0.1"},
		{"float32 integral", float32(3), "3.0"},
		{"float32 exponent", float32(1e20), "1e+20"},
		{"named int", testNamedInt(3), "3"},
		{"named float", testNamedFloat(1), "1.0"},
		{"named bool", testNamedBool(true), "True"},
		{"named string", testNamedString("n"), "n"},
		{"complex", complex(1, 2), "(1+2j)"},
		{"complex imaginary", complex(0, 2), "2j"},
		{"complex negative", complex(1.5, -0.5), "(1.5-0.5j)"},
		{"complex64", complex64(complex(0, -1)), "-1j"},
		{"time UTC", utc, "2006-01-02 15:04:05+00:00"},
		{"time micro", utc.Add(123456789 * time.Nanosecond), "2006-01-02 15:04:05.123456+00:00"},
		{"time zone", time.Date(2024, 12, 31, 23, 0, 0, 1000, zone), "2024-12-31 23:00:00.000001-05:30"},
		{"time odd zone", time.Date(2024, 1, 1, 0, 0, 0, 0, oddZone), "2024-01-01 00:00:00+01:01:01"},
		{"time year 1", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01 00:00:00+00:00"},
		{"[]byte", []byte("bytes"), "bytes"},
		{"named []byte", testBytes("x"), "x"},
		{"Stringer", testStringer{"s"}, "<s>"},
		{"pointer Stringer", &testPtrStringer{"p"}, "*p"},
		{"nil pointer Stringer", nilStringer, "None"},
		{"panicking Stringer", testPanicStringer{}, "%!v(PANIC=String method: bad)"},
		{"error", errors.New("oops"), "oops"},
		{"nil pointer error", nilErr, "None"},
		{"Duration", 90 * time.Second, "1m30s"},
		{"[]any", []any{1, "a", nil, true, 2.5, SafeString("s"), []byte("b")}, "[1, 'a', None, True, 2.5, 's', 'b']"},
		{"[]any nested", []any{[]any{}, []string{"x"}, map[string]any{}}, "[[], ['x'], {}]"},
		{"[]string", []string{"it's", `say "hi"`, "both ' \"", "tab\t\\"}, `["it's", 'say "hi"', 'both \' "', 'tab\t\\']`},
		{"[]string empty", []string{}, "[]"},
		{"[]int", []int{1, -2}, "[1, -2]"},
		{"[]float64", []float64{1, 0.5}, "[1.0, 0.5]"},
		{"array", [2]bool{true, false}, "[True, False]"},
		{"[]map[string]any", []map[string]any{{"b": 1, "a": "x"}}, "[{'a': 'x', 'b': 1}]"},
		{"map[string]any", map[string]any{"b": 2, "a": 1}, "{'a': 1, 'b': 2}"},
		{"map[string]string", map[string]string{"k": "v"}, "{'k': 'v'}"},
		{"map[int]string", map[int]string{10: "x", 2: "y"}, "{2: 'y', 10: 'x'}"},
		{"nil map", nilMap, "{}"},
		{"list of Stringers", []testStringer{{"a"}}, "[<a>]"},
		{"list of times", []time.Time{utc}, "[2006-01-02 15:04:05+00:00]"},
		{"list of pointers", []*int{pn, nil}, "[5, None]"},
		{"list of named strings", []testNamedString{"q"}, "['q']"},
		{"repr escapes", []string{"\x00\x1b\x7f\u00a0\u00ad\u2028\U000E0001é中😀\r\n"}, `['\x00\x1b\x7f\xa0\xad\u2028\U000e0001é中😀\r\n']`},
		{"repr invalid UTF-8", []string{"a\xffb"}, `['a\xffb']`},
		{"struct", testPlain{A: 1}, "{1}"},
		{"pointer to struct", &testPlain{A: 2}, "{2}"},
		{"pointer to int", pn, "5"},
		{"pointer to pointer", &pn, "5"},
		{"pointer to string", &s, "x"},
		{"nil func", nilFunc, "None"},
		{"nil chan", nilChan, "None"},
		{"unsafe nil", unsafe.Pointer(nil), "None"},
		{"nested nil interface", new(any), "None"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.v); got != tt.want {
				t.Errorf("String(%T) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
	// Values fmt prints as addresses only need to print without panicking.
	for _, v := range []any{ch, func() {}, unsafe.Pointer(&n)} {
		if got := String(v); !strings.HasPrefix(got, "0x") {
			t.Errorf("String(%T) = %q, want an address", v, got)
		}
	}
}

type testBytes []byte

type testErr struct{}

func (*testErr) Error() string { return "err" }

func TestStringCycles(t *testing.T) {
	list := []any{1, nil}
	list[1] = list
	m := map[string]any{"a": 1}
	m["self"] = m
	mixed := []any{map[string]any{}}
	mixed[0].(map[string]any)["list"] = mixed
	self := new(any)
	*self = self
	st := &testCyclic{Name: "c"}
	st.Items = []any{st, nil}
	st.Items[1] = st.Items
	wide := []any{nil, nil}
	wide[0], wide[1] = wide, wide
	deep := any("end")
	for range MaxNesting + 100 {
		deep = []any{deep}
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"list in itself", list, "[1, [...]]"},
		{"dict in itself", m, "{'a': 1, 'self': {...}}"},
		{"list in a dict in itself", mixed, "[{'list': [...]}]"},
		{"pointer to itself", self, "..."},
		{"struct whose slice holds itself", *st, "{c [{c [...]} [...]]}"},
		{"pointer to a struct whose slice holds it", st, "{c [{...} [...]]}"},
		{"wide self reference", wide, "[[...], [...]]"},
		{"too deep", deep, strings.Repeat("[", MaxNesting) + "[...]" + strings.Repeat("]", MaxNesting)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.v); got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
		})
	}
	// A struct without cycles prints through fmt, shared slices included.
	shared := []any{1}
	if got, want := String(testCyclic{"n", []any{shared, shared}}), fmt.Sprint(testCyclic{"n", []any{shared, shared}}); got != want {
		t.Errorf("String(acyclic struct) = %q, want %q", got, want)
	}
}

// testNode is a linked structure that can contain itself through a
// pointer.
type testNode struct {
	Name string
	Next *testNode
	Kids []any
	Meta map[string]any
}

// TestStringCyclicKinds prints data that contains itself through each kind
// of reference: a slice, a map, a pointer to a struct, an interface, and
// mixtures, at the top and inside lists, dicts and structs.
func TestStringCyclicKinds(t *testing.T) {
	list := []any{nil}
	list[0] = list
	dict := map[string]any{}
	dict["a"] = dict
	node := &testNode{Name: "n"}
	node.Next = node
	ring := &testNode{Name: "a", Next: &testNode{Name: "b"}}
	ring.Next.Next = ring
	kids := &testNode{Name: "k"}
	kids.Kids = []any{kids}
	meta := &testNode{Name: "m", Meta: map[string]any{}}
	meta.Meta["self"] = meta.Meta
	iface := new(any)
	*iface = []any{iface}
	ptrList := &[]any{nil}
	(*ptrList)[0] = ptrList
	arrayPtr := &[1]any{}
	arrayPtr[0] = arrayPtr
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"list", list, "[[...]]"},
		{"dict", dict, "{'a': {...}}"},
		{"list in a list", []any{list}, "[[[...]]]"},
		{"dict in a list", []any{dict}, "[{'a': {...}}]"},
		{"pointer struct", node, "{n {...} [] map[]}"},
		{"pointer struct by value", *node, "{n {n {...} [] map[]} [] map[]}"},
		{"pointer struct in a list", []any{node}, "[{n {...} [] map[]}]"},
		{"pointer struct in a dict", map[string]any{"n": node}, "{'n': {n {...} [] map[]}}"},
		{"ring of two", ring, "{a {b {...} [] map[]} [] map[]}"},
		{"struct in its own slice", kids, "{k <nil> [{...}] map[]}"},
		{"map in a struct", meta, "{m <nil> [] map[self:map[...]]}"},
		{"pointer to an interface", iface, "[[...]]"},
		{"pointer to a list", ptrList, "[[...]]"},
		{"pointer to an array", arrayPtr, "[[...]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.v); got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStringBounds checks that deep data, acyclic but nested far beyond
// MaxNesting, prints with a marker where the walk stops, and that data
// sharing its parts cannot multiply the work: a list holding one list
// twice, 60 levels deep, has 2^60 paths, but String goes into at most
// maxPrintNodes containers.
func TestStringBounds(t *testing.T) {
	var chain *testNode
	for i := range 100000 {
		chain = &testNode{Name: strconv.Itoa(i), Next: chain}
	}
	s := String(chain)
	if !strings.Contains(s, "{...}") || strings.Count(s, "{") > MaxNesting {
		t.Errorf("a chain of 100000 pointers: %d bytes, %d structs printed, want at most %d and a marker", len(s), strings.Count(s, "{"), MaxNesting)
	}
	m := map[string]any{}
	deep := m
	for range 10000 {
		next := map[string]any{}
		deep["k"] = next
		deep = next
	}
	if s := String(m); strings.Count(s, "{") != MaxNesting+1 || !strings.Contains(s, "{...}") {
		t.Errorf("10000 nested dicts: %d dicts printed, want %d and a marker", strings.Count(s, "{"), MaxNesting+1)
	}
	var shared any = []any{"x"}
	for range 60 {
		shared = []any{shared, shared}
	}
	s = String(shared)
	if n := strings.Count(s, "[") - strings.Count(s, "[...]"); n > maxPrintNodes {
		t.Errorf("2^60 shared paths: %d lists printed, want at most %d", n, maxPrintNodes)
	}
}

type testSecret struct {
	Name  string
	pass  string
	score int
	Inner testSecretInner
	Ptr   *testSecretInner
	Any   any
}

type testSecretInner struct {
	Shown  int
	hidden string
}

type testEmbedsSecret struct {
	testSecretInner
	*testSecret
	Tag string
}

type testSecretStringer struct{ pass string }

func (s testSecretStringer) String() string { return "<stringer>" }

// TestStringUnexported checks that printing a struct, wherever it is,
// shows only its exported fields (and the exported fields promoted from
// an embedded struct), while a String method is still used.
func TestStringUnexported(t *testing.T) {
	inner := testSecretInner{Shown: 7, hidden: "mallory-inner"}
	sec := testSecret{Name: "alice", pass: "mallory", score: -900, Inner: inner, Ptr: &inner, Any: inner}
	emb := testEmbedsSecret{testSecretInner: inner, testSecret: &sec, Tag: "t"}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"struct", sec, "{alice {7} {7} {7}}"},
		{"pointer", &sec, "{alice {7} {7} {7}}"},
		{"in a list", []any{sec}, "[{alice {7} {7} {7}}]"},
		{"in a typed list", []testSecret{sec}, "[{alice {7} {7} {7}}]"},
		{"in a dict", map[string]any{"s": &sec}, "{'s': {alice {7} {7} {7}}}"},
		{"in a struct", testNode{Name: "n", Kids: []any{inner}}, "{n <nil> [{7}] map[]}"},
		{"embedded unexported types", emb, "{{7} {alice {7} {7} {7}} t}"},
		{"Stringer", testSecretStringer{"mallory"}, "<stringer>"},
		{"Stringer in a struct", testNode{Name: "n", Kids: []any{testSecretStringer{"mallory"}}}, "{n <nil> [<stringer>] map[]}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.v)
			if got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "mallory") || strings.Contains(got, "900") {
				t.Errorf("String = %q shows an unexported field", got)
			}
		})
	}
}

// TestStringStructLikeFmt checks that a struct with exported fields only
// and no pointers prints as fmt prints it.
func TestStringStructLikeFmt(t *testing.T) {
	type row struct {
		N  int
		F  float64
		F2 float32
		B  bool
		S  string
		L  []int
		M  map[string]int
		E  any
		I  testPlain
		C  complex128
		D  time.Duration
		U  uint8
	}
	for _, v := range []row{
		{},
		{N: -1, F: 1e6, F2: 0.1, B: true, S: "a b", L: []int{1, 2}, M: map[string]int{"b": 2, "a": 1}, E: []any{"x", 1.5, nil}, I: testPlain{3}, C: complex(1, -2), D: time.Second, U: 255},
	} {
		if got, want := String(v), fmt.Sprint(v); got != want {
			t.Errorf("String = %q, fmt.Sprint = %q", got, want)
		}
	}
}

// testHiddenKey differs from its kind only in an unexported field.
type testHiddenKey struct {
	Shown string
	id    int
}

// TestStringHiddenKeys checks that a dict keyed by structs that print
// alike (they differ in unexported fields only) still prints in one order,
// without the hidden fields.
func TestStringHiddenKeys(t *testing.T) {
	m := map[testHiddenKey]int{}
	for i := range 20 {
		m[testHiddenKey{"k", i}] = i
	}
	want := String(m)
	for range 20 {
		if got := String(m); got != want {
			t.Fatalf("String = %q, then %q", want, got)
		}
	}
	if !strings.HasPrefix(want, "{{k}: 0, {k}: 10, {k}: 11, ") { // by fmt's text: "{k 10}" < "{k 1}"
		t.Errorf("String = %.60q", want)
	}
}
