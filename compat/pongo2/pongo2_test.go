package pongo2_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	pongo2 "github.com/braidtpl/braid/compat/pongo2"
)

func TestValue(t *testing.T) {
	for _, tt := range []struct {
		v                                 *pongo2.Value
		str                               string
		integer                           int
		float                             float64
		isTrue, isString, isNumber, isNil bool
		length                            int
	}{
		{pongo2.AsValue("12"), "12", 12, 12, true, true, false, false, 2},
		{pongo2.AsValue(3), "3", 3, 3, true, false, true, false, 0},
		{pongo2.AsValue(uint(0)), "0", 0, 0, false, false, true, false, 0},
		{pongo2.AsValue(2.5), "2.500000", 2, 2.5, true, false, true, false, 0},
		{pongo2.AsValue(true), "True", 0, 0, true, false, false, false, 0},
		{pongo2.AsValue(nil), "", 0, 0, false, false, false, true, 0},
		{pongo2.AsValue([]int{1, 2}), "[1, 2]", 0, 0, true, false, false, false, 2},
		{pongo2.AsValue("héllo"), "héllo", 0, 0, true, true, false, false, 5},
	} {
		if tt.v.String() != tt.str || tt.v.Integer() != tt.integer || tt.v.Float() != tt.float || tt.v.IsTrue() != tt.isTrue ||
			tt.v.IsString() != tt.isString || tt.v.IsNumber() != tt.isNumber || tt.v.IsNil() != tt.isNil || tt.v.Len() != tt.length {
			t.Errorf("%#v: %q %d %v %v %v %v %v %d", tt.v.Interface(), tt.v.String(), tt.v.Integer(), tt.v.Float(), tt.v.IsTrue(), tt.v.IsString(), tt.v.IsNumber(), tt.v.IsNil(), tt.v.Len())
		}
		if tt.v.Negate().IsTrue() == tt.v.IsTrue() {
			t.Errorf("%#v: Negate keeps the truth", tt.v.Interface())
		}
	}
	list := pongo2.AsValue([]int{3, 1, 2})
	if !list.Contains(pongo2.AsValue(uint(2))) || list.Contains(pongo2.AsValue(9)) || list.Index(0).Integer() != 3 || list.Slice(1, 3).Len() != 2 || !list.CanSlice() {
		t.Error("slice methods")
	}
	var got []int
	list.IterateOrder(func(idx, count int, key, value *pongo2.Value) bool { got = append(got, key.Integer()); return true }, func() {}, true, true)
	if fmt.Sprint(got) != "[3 2 1]" {
		t.Errorf("sorted reversed: %v", got)
	}
	m := pongo2.AsValue(map[string]int{"b": 2, "a": 1})
	var keys []string
	m.Iterate(func(idx, count int, key, value *pongo2.Value) bool { keys = append(keys, key.String()); return true }, func() {})
	if fmt.Sprint(keys) != "[a b]" || !m.Contains(pongo2.AsValue("a")) || m.Contains(pongo2.AsValue(1)) {
		t.Errorf("map: %v", keys)
	}
	empty := false
	pongo2.AsValue(42).Iterate(func(int, int, *pongo2.Value, *pongo2.Value) bool { return true }, func() { empty = true })
	if !empty || !pongo2.AsValue(struct{ Name string }{}).Contains(pongo2.AsValue("Name")) {
		t.Error("iterate over a number; Contains on a struct")
	}
	if !pongo2.AsValue(int64(5)).EqualValueTo(pongo2.AsValue(uint8(5))) || pongo2.AsValue([]int{}).EqualValueTo(pongo2.AsValue([]int{})) {
		t.Error("EqualValueTo")
	}
}

func TestSetAndFilters(t *testing.T) {
	set := pongo2.NewSet("t", pongo2.NewFSLoader(fstest.MapFS{
		"base.html":     {Data: []byte(`[{% block a %}base{% endblock %}]`)},
		"dir/page.html": {Data: []byte(`{% extends "base.html" %}{% block a %}{{ x|double }} {{ g }}{% endblock %}`)},
	}))
	set.Globals["g"] = "global"
	double := func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) { return pongo2.AsValue(in.Integer() * 2), nil }
	register := pongo2.RegisterFilter
	if pongo2.FilterExists("double") { // the registry is global: -count=2
		register = pongo2.ReplaceFilter
	}
	if err := register("double", double); err != nil {
		t.Fatal(err)
	}
	if err := pongo2.RegisterFilter("double", nil); err == nil {
		t.Error("registered twice")
	}
	if err := pongo2.RegisterFilter("escape", nil); err == nil || !strings.Contains(err.Error(), "already registered") {
		t.Errorf("a built-in: %v", err)
	}
	tpl, err := set.FromCache("dir/page.html")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := tpl.Execute(pongo2.Context{"x": 21}); err != nil || out != "[42 global]" {
		t.Errorf("%q, %v", out, err)
	}
	if again, _ := set.FromCache("dir/page.html"); again != tpl {
		t.Error("FromCache compiled again")
	}
	if _, err := tpl.Execute(pongo2.Context{"bad-name": 1}); err == nil || !strings.Contains(err.Error(), "not a valid identifier") {
		t.Errorf("an invalid name: %v", err)
	}
	var w bytes.Buffer
	failing, _ := set.FromString(`ok{{ x|double }}{{ "a"|nosuch }}`)
	if failing != nil {
		t.Error("an unknown filter compiled")
	}
	bad, _ := set.FromString(`ok{{ f() }}`)
	if err := bad.ExecuteWriter(pongo2.Context{"f": func() (int, error) { return 0, errors.New("boom") }}, &w); err == nil || w.Len() != 0 {
		t.Errorf("ExecuteWriter wrote %q on an error (%v)", w.String(), err)
	}
	v, perr := pongo2.ApplyFilter("upper", pongo2.AsValue("abc"), nil)
	if perr != nil || v.String() != "ABC" {
		t.Errorf("ApplyFilter: %v %v", v, perr)
	}
	if _, perr := pongo2.ApplyFilter("nosuch", nil, nil); perr == nil || perr.Error() != "[Error (where: applyfilter)] filter with name 'nosuch' not found" {
		t.Errorf("ApplyFilter unknown: %v", perr)
	}
}

// TestRelativeNames checks pongo2's names: relative to the including
// file's directory, with the local loader and no base directory.
func TestRelativeNames(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "page.tpl"), []byte(`page:{% include "part.tpl" %}`), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "part.tpl"), []byte(`part`), 0o644)
	set := pongo2.NewSet("rel", pongo2.MustNewLocalFileSystemLoader(""))
	tpl, err := set.FromFile(filepath.Join(dir, "sub", "page.tpl"))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := tpl.Execute(nil); err != nil || out != "page:part" {
		t.Errorf("%q, %v", out, err)
	}
	_, err = set.FromFile(filepath.Join(dir, "missing.tpl"))
	var pe *pongo2.Error
	if !errors.As(err, &pe) || pe.Sender != "fromfile" || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("missing: %v", err)
	}
}

type hello struct{}

func (hello) Execute(ctx *pongo2.ExecutionContext, w pongo2.TemplateWriter) *pongo2.Error {
	w.WriteString("hello " + fmt.Sprint(ctx.Public["name"]))
	return nil
}

func TestRegisterTag(t *testing.T) {
	parse := func(doc *pongo2.Parser, start *pongo2.Token, args *pongo2.Parser) (pongo2.INodeTag, *pongo2.Error) {
		if args.Remaining() > 0 {
			return nil, args.Error("hello takes no arguments", nil)
		}
		return hello{}, nil
	}
	if err := pongo2.RegisterTag("hello", parse); err != nil {
		if err := pongo2.ReplaceTag("hello", parse); err != nil { // the registry is global: -count=2
			t.Fatal(err)
		}
	}
	if err := pongo2.RegisterTag("for", nil); err == nil {
		t.Error("a built-in tag registered again")
	}
	out, err := pongo2.RenderTemplateString(`{% hello %}!`, pongo2.Context{"name": "ann"})
	if err != nil || out != "hello ann!" {
		t.Errorf("%q, %v", out, err)
	}
	if _, err := pongo2.FromString(`{% hello 1 %}`); err == nil || !strings.Contains(err.Error(), "takes no arguments") {
		t.Errorf("%v", err)
	}
}

func ExampleFromString() {
	tpl := pongo2.Must(pongo2.FromString("Hello {{ name|capfirst }}!"))
	out, err := tpl.Execute(pongo2.Context{"name": "florian"})
	fmt.Println(out, err)
	// Output:
	// Hello Florian! <nil>
}

func ExampleRegisterFilter() {
	pongo2.RegisterFilter("shout", func(in, _ *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
		return pongo2.AsValue(strings.ToUpper(in.String()) + "!"), nil
	})
	out, _ := pongo2.RenderTemplateString(`{{ "hi"|shout }}`, nil)
	fmt.Println(out)
	// Output:
	// HI!
}

func ExampleNewSet() {
	set := pongo2.NewSet("mail", pongo2.NewFSLoader(fstest.MapFS{"welcome.txt": {Data: []byte("Welcome, {{ user }}.")}}))
	set.Globals["user"] = "guest"
	out, _ := set.RenderTemplateFile("welcome.txt", nil)
	fmt.Println(out)
	// Output:
	// Welcome, guest.
}
