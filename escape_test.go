package braid_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// escapeSpec is testdata/escape/cases.json.
type escapeSpec struct {
	Payloads []string          `json:"payloads"`
	Files    map[string]string `json:"files"`
	Cases    []struct {
		Name     string `json:"name"`
		Template string `json:"template"`
		Django   string `json:"django"` // the equivalent Django renders, for a braid construct
	} `json:"cases"`
}

// escapeResult is one output of testdata/escape/django.json.
type escapeResult struct {
	Case       string `json:"case"`
	Payload    int    `json:"payload"`
	Safe       bool   `json:"safe"`
	Autoescape bool   `json:"autoescape"`
	Out        string `json:"out"`
}

// escapeDifferences are the cases where braid deliberately prints what a
// later Django prints instead of 3.2's, with the reason: want turns
// Django 3.2's output into braid's. Neither escapes less.
var escapeDifferences = map[string]struct {
	reason string
	want   func(django, payload string, safe, autoescape bool) string
}{
	"filter argument of join": {
		"join follows Django 5.0 (ticket #34574): with autoescaping off, its argument is not escaped either",
		func(django, payload string, safe, autoescape bool) string {
			if autoescape {
				return django
			}
			return payload + payload + "<x>"
		},
	},
	"filter result wordwrap": {
		"wordwrap follows Django 5.1.8's wrap (after CVE-2025-26699), which joins the lines of str.splitlines() with newlines: a U+2028 line separator becomes a newline",
		func(django, _ string, _, _ bool) string { return strings.ReplaceAll(django, "\u2028", "\n") },
	},
}

// TestEscaping: every way a value reaches the output (a variable, a
// filter's result and its argument, firstof, cycle, include with, macro
// arguments, block.super, set, with, json_script, escapejs, urlize,
// linebreaks, unordered_list, custom tags and filters), with autoescape on
// and off, over XSS payloads as plain and as safe strings, prints what
// Django 3.2 prints (testdata/escape/django.json, made by render_django.py
// there; escapeDifferences says where braid prints what a later Django
// does): 65 templates × 10 payloads × 2 × 2. Each is rendered
// sequentially and concurrently over pending data; both must agree.
func TestEscaping(t *testing.T) {
	var spec escapeSpec
	readJSON(t, "testdata/escape/cases.json", &spec)
	var golden struct {
		Django  string         `json:"django"`
		Results []escapeResult `json:"results"`
	}
	readJSON(t, "testdata/escape/django.json", &golden)
	want := map[string]string{}
	for _, r := range golden.Results {
		want[escapeKey(r.Case, r.Payload, r.Safe, r.Autoescape)] = r.Out
	}
	engines := map[bool]*braid.Engine{}
	for _, ae := range []bool{true, false} {
		engines[ae] = braid.New(
			braid.WithAutoescape(ae),
			braid.WithFS(mapFS(spec.Files)),
			braid.WithTag("echo", braid.SimpleTag{Fn: func(v any) any { return v }}),
			braid.WithTag("show", braid.InclusionTag{Template: "show.html", Fn: func(v any) map[string]any { return map[string]any{"x": v} }}),
			braid.WithFilter("shout", strings.ToUpper),
		)
	}
	checked := 0
	for _, c := range spec.Cases {
		for _, ae := range []bool{true, false} {
			tpl, err := engines[ae].FromString(c.Template)
			if err != nil {
				t.Errorf("%s: %v", c.Name, err)
				continue
			}
			for i, payload := range spec.Payloads {
				for _, safe := range []bool{false, true} {
					var v any = payload
					if safe {
						v = braid.Safe(payload)
					}
					data := map[string]any{"v": v, "l": []any{v, []any{v, "<x>"}}, "m": map[string]any{"k": v}}
					key := escapeKey(c.Name, i, safe, ae)
					exp, ok := want[key]
					if !ok {
						t.Fatalf("%s: no output of Django's (run testdata/escape/render_django.py)", key)
					}
					if d, ok := escapeDifferences[c.Name]; ok {
						exp = d.want(exp, payload, safe, ae)
					}
					got, err := tpl.RenderString(context.Background(), data)
					if err != nil {
						got = "error: " + err.Error()
					}
					if got != exp {
						t.Errorf("%s:\n%s\nbraid  %q\ndjango %q", key, c.Template, got, exp)
						continue
					}
					// Concurrently, every value pending: the same bytes.
					sch := schedtest.New("late", uint64(i))
					conc, err := tpl.RenderString(brender.WithSchedule(context.Background(), sch), pendingData(data, sch, false))
					if err != nil || conc != got {
						t.Errorf("%s: concurrent %q, %v; sequential %q", key, conc, err, got)
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d outputs equal to Django %s's", checked, golden.Django)
}

func escapeKey(name string, payload int, safe, autoescape bool) string {
	return fmt.Sprintf("%s/payload %d/safe=%v/autoescape=%v", name, payload, safe, autoescape)
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
