package braid_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid"
)

type address struct{ City string }

type person struct {
	Name    string
	Age     int
	Address *address
	secret  string
	Tags    []string
}

func (p person) Greeting() string       { return "hi " + p.Name }
func (p *person) Upper() string         { return strings.ToUpper(p.Name) }
func (p person) Fails() (string, error) { return "", errors.New("database down") }
func (p person) Panics() string         { panic("boom") }
func (p person) WithArg(x int) int      { return x * 2 }
func (p person) Ctx(ctx context.Context) string {
	if ctx == nil {
		return "no ctx"
	}
	return "ctx"
}

type stringer struct{}

func (stringer) String() string { return "<stringer>" }

// TestGoData renders templates over Go values: structs, pointers, methods,
// maps with other value types, and the failures Django would stay silent
// on or raise.
func TestGoData(t *testing.T) {
	ann := &person{Name: "Ann", Age: 30, Address: &address{City: "Oslo"}, secret: "s", Tags: []string{"x", "y"}}
	data := map[string]any{
		"p":      ann,
		"v":      *ann,
		"nilp":   (*person)(nil),
		"m":      map[string]int{"a": 1, "b": 2},
		"ints":   []int{3, 1, 2},
		"arr":    [2]string{"l", "r"},
		"when":   time.Date(2024, 3, 5, 14, 7, 9, 0, time.UTC),
		"str":    stringer{},
		"fn":     func() string { return "called" },
		"fnerr":  func() (int, error) { return 0, errors.New("fn failed") },
		"nilmap": map[string]any(nil),
		"bytes":  []byte("raw"),
		"f32":    float32(0.1),
		"u8":     uint8(200),
		"intkey": map[int]string{1: "one"},
		"m2":     map[string]any{"f": func() string { return "b" }, "g": func(n int) int { return n * 2 }},
	}
	tests := []struct {
		name, src, want, err string
	}{
		{"field", "{{ p.Name }} {{ p.Age }} {{ v.Name }}", "Ann 30 Ann", ""},
		{"nested pointer", "{{ p.Address.City }}", "Oslo", ""},
		{"method", "{{ p.Greeting }} {{ v.Greeting }}", "hi Ann hi Ann", ""},
		{"pointer method", "{{ p.Upper }}", "ANN", ""},
		{"ctx method", "{{ p.Ctx }}", "ctx", ""},
		{"unexported", "[{{ p.secret }}]", "[]", ""},
		{"method with args", "[{{ p.WithArg }}]", "[]", ""},
		{"nil pointer", "[{{ nilp.Name }}][{{ nilp }}]", "[][None]", ""},
		{"nil map", "[{{ nilmap.x }}]", "[]", ""},
		{"typed map", "{{ m.a }} {{ m.b }} {% for k, v in m.items %}{{ k }}{{ v }}{% endfor %}", "1 2 a1b2", ""},
		{"int slice", "{{ ints.0 }} {{ ints|length }} {% for i in ints sorted %}{{ i }}{% endfor %}", "3 3 123", ""},
		{"array", "{{ arr.1 }}", "r", ""},
		{"slice field", "{{ p.Tags|join:'+' }}", "x+y", ""},
		{"time", "{{ when }} {{ when|date:'c' }}", "March 5, 2024, 2:07 p.m. 2024-03-05T14:07:09+00:00", ""}, // Django localizes with DATETIME_FORMAT
		{"stringer", "{{ str }}", "&lt;stringer&gt;", ""},
		{"func called", "{{ fn }}", "called", ""},
		{"bytes", "{{ bytes }}", "raw", ""},
		{"float32", "{{ f32 }}", "0.1", ""},
		{"uint8", "{{ u8 }}", "200", ""},
		{"int keys", "[{{ intkey.1 }}]", "[one]", ""},                                       // Django tries current[int(bit)] last
		{"calling a func value", "{{ fn() }} {{ m2.f() }} {{ m2.g(2) }}", "called b 4", ""}, // called once, by the ()
		{"method call with args", "{{ p.WithArg(21) }} {{ v.WithArg(2) }}", "42 4", ""},
		{"subscript", `{{ ints[1] }} {{ m["b"] }} {{ intkey[1] }}`, "1 2 one", ""},
		{"method error", "a{{ p.Fails }}b", "a", "p.Fails"},
		{"method panic", "{{ p.Panics }}", "", "p.Panics"},
		{"func error", "{{ fnerr }}", "", "fn failed"},
	}
	eng := braid.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tpl, err := eng.FromString(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tpl.RenderString(context.Background(), data)
			if got != tt.want {
				t.Errorf("output %q, want %q", got, tt.want)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.err != "":
				var e *braid.Error
				if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.err) || e.Line != 1 {
					t.Errorf("error %v, want a positioned *braid.Error containing %q", err, tt.err)
				}
			}
		})
	}
}

// TestStrict checks that strict mode makes missing variables positioned
// errors, except where a template asks for a fallback.
func TestStrict(t *testing.T) {
	eng := braid.New(braid.WithStrict(true))
	data := map[string]any{"user": map[string]any{"name": "Ann"}}
	for _, tt := range []struct{ src, want, err string }{
		{"{{ user.name }}", "Ann", ""},
		{"ok {{ nope }}", "ok ", "1:7: nope is not defined"},
		{"{{ user.nope }}", "", "1:4: user.nope is not defined"},
		{`{{ nope|default:"d" }}`, "d", ""},
		{`{% firstof nope "f" %}`, "f", ""},
		{"{% if nope %}x{% endif %}", "", "nope is not defined"},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tpl.RenderString(context.Background(), data)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: got %q, %v; want %q, error containing %q", tt.src, got, err, tt.want, tt.err)
		}
	}
}

// TestDataNotModified checks that set, with and for never write into the
// caller's map.
func TestDataNotModified(t *testing.T) {
	eng := braid.New()
	tpl, err := eng.FromString(`{% set x = 2 %}{% with y=3 %}{% endwith %}{% for z in l %}{% endfor %}{% cycle "a" as c %}`)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"x": 1, "l": []int{1}}
	if _, err := tpl.RenderString(context.Background(), data); err != nil {
		t.Fatal(err)
	}
	if len(data) != 2 || data["x"] != 1 {
		t.Errorf("data changed: %v", data)
	}
}

// TestCancel checks that a cancelled context stops a long loop with an
// error that wraps context.Canceled.
func TestCancel(t *testing.T) {
	eng := braid.New()
	tpl, err := eng.FromString(`{% for i in items %}{{ i }}{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = tpl.RenderString(ctx, map[string]any{"items": make([]int, 1000)})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestRunawayEndsWithDeadline checks that a template whose work grows
// without bound (nested loops over a long list) stops at the caller's
// deadline with an error, instead of running for ever; a macro that calls
// itself fails at the depth limit.
func TestRunawayEndsWithDeadline(t *testing.T) {
	eng := braid.New()
	tpl, err := eng.FromString(`{% for a in l %}{% for b in l %}{% for c in l %}{% for d in l %}{{ d }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}`)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = tpl.RenderString(ctx, map[string]any{"l": make([]int, 1000)})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	tpl, err = eng.FromString(`{% macro m() %}{{ m() }}{{ m() }}{% endmacro %}{{ m() }}`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err = tpl.RenderString(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "nested deeper than 64") {
		t.Errorf("recursive macro: err = %v, want the depth limit", err)
	}
}
