package tz_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones by name, whatever the machine has

	"github.com/braidtpl/braid"
)

// TestTZ checks the tz library's tags and filters as Django documents
// them, with the engine's zone New York and a datetime at 12:00 UTC.
func TestTZ(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	eng := braid.New(braid.WithLocation(ny))
	noon := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, tt := range []struct{ src, want string }{
		{`{{ t|date:"H:i e" }}`, "08:00 EDT"},
		{`{% load tz %}{% timezone "Europe/Paris" %}{{ t|date:"H:i e" }}{% endtimezone %}|{{ t|date:"H:i" }}`, "14:00 CEST|08:00"},
		{`{% load tz %}{% timezone z %}{{ t|time:"H:i" }}{% endtimezone %}`, "14:00"},
		{`{% load tz %}{% timezone None %}{{ t|date:"H:i" }}{% endtimezone %}`, "08:00"},
		{`{% load tz %}{% localtime off %}{{ t|date:"H:i e" }}{% endlocaltime %}`, "12:00 UTC"},
		{`{% load tz %}{% localtime off %}{{ t|localtime|date:"H:i" }}{% endlocaltime %}`, "08:00"},
		{`{% load tz %}{{ t|utc|date:"H:i e" }}`, "12:00 UTC"},
		{`{% load tz %}{{ t|timezone:"Asia/Tokyo"|date:"H:i" }} {{ t|timezone:z|time:"H:i" }}`, "21:00 14:00"},
		{`{% load tz %}{{ t|timezone:"Nowhere/Else" }}|{{ "x"|utc }}|{{ 3|localtime }}`, "||"},
		{`{% load tz %}{% get_current_timezone as TZ %}{{ TZ }} {% timezone "Asia/Tokyo" %}{% get_current_timezone as TZ %}{{ TZ }}{% endtimezone %}`, "America/New_York Asia/Tokyo"},
		{`{% load tz %}{% timezone "Europe/Paris" %}{{ t }}{% endtimezone %}`, "July 1, 2024, 2 p.m."},
		{`{% load tz %}{{ t|utc }}`, "July 1, 2024, noon"},
		{`{% load tz %}{% if t|utc == t %}same instant{% endif %}`, "same instant"},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{"t": noon, "z": paris})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

// TestTZErrors checks the tags' positioned errors.
func TestTZErrors(t *testing.T) {
	eng := braid.New()
	for _, tt := range []struct{ src, want string }{
		{`{% load tz %}{% timezone %}{% endtimezone %}`, "1:14: {% timezone %} takes one argument"},
		{`{% load tz %}{% timezone "Nowhere/Else" %}x{% endtimezone %}`, `1:14: {% timezone %}: unknown time zone "Nowhere/Else"`},
		{`{% load tz %}{% localtime maybe %}{% endlocaltime %}`, `1:14: {% localtime %}: the argument must be on or off`},
		{`{% load tz %}{% get_current_timezone %}`, `1:14: {% get_current_timezone %}: usage`},
	} {
		tpl, err := eng.FromString(tt.src)
		if err == nil {
			_, err = tpl.RenderString(context.Background(), nil)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestTZPending checks that {% timezone %} over a pending zone defers and
// renders in place, in both modes.
func TestTZPending(t *testing.T) {
	for _, eng := range []*braid.Engine{braid.New(), braid.New(braid.WithSequential())} {
		tpl, _ := eng.FromString(`a{% load tz %}{% timezone z %}{{ t|date:"H:i" }}{% endtimezone %}b`)
		got, err := tpl.RenderString(context.Background(), map[string]any{
			"t": time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC),
			"z": func(context.Context) (string, error) { return "Asia/Tokyo", nil },
		})
		if err != nil || got != "a21:00b" {
			t.Errorf("%q, %v", got, err)
		}
	}
}

func ExampleLibrary() {
	eng := braid.New()
	tpl, _ := eng.FromString(`{% load tz %}{% timezone "Asia/Tokyo" %}{{ t|date:"Y-m-d H:i T" }}{% endtimezone %}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"t": time.Date(2024, 1, 1, 20, 0, 0, 0, time.UTC)})
	fmt.Println(out)
	// Output:
	// 2024-01-02 05:00 JST
}
