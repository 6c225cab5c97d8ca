package lsp

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/braidtpl/braid/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/lsp")

// ask answers a request as the server does, with the params as JSON.
func ask(t *testing.T, s *Server, method, params string) json.RawMessage {
	t.Helper()
	res, rerr := s.answer(context.Background(), method, json.RawMessage(params))
	if rerr != nil {
		t.Fatalf("%s %s: error %d %s", method, params, rerr.Code, rerr.Message)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func at(uri string, line, char int) string {
	b, _ := json.Marshal(docParams(uri, line, char))
	return string(b)
}

var macroTree = map[string]string{
	"macros.html": "{% macro card(item, size=2) export %}<div>{{ item }}</div>{% endmacro %}\n" +
		"{% macro row(x) export %}{{ x }}{% endmacro %}\n",
	"base.html": "{% import \"macros.html\" row %}{% macro shout(s) %}{{ s|upper }}{% endmacro %}\n" +
		"{% block content %}{% endblock %}\n",
	"sub/page.html": "{% extends \"base.html\" %}\n" +
		"{% import \"../macros.html\" card as c, row %}\n" +
		"{% macro local(a) %}{{ a }}{% endmacro %}\n" +
		"{% block content %}{{ c(item) }}{{ local (1) }}{{ shout(\"x\") }}{{ row(2) }}{% if local(x) %}{% endif %}{{ local }}{{ x.local(1) }}{{ nosuch(1) }}{% endblock %}\n",
	"parts.html": "{% partialdef card %}<b>{% partial card %}</b>{% endpartialdef %}{% include \"parts.html#card\" %}",
}

// Go-to-definition from macro calls, imported names and partials.
func TestDefinitionMacros(t *testing.T) {
	root := writeTree(t, macroTree)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	uri := func(n string) string { return fileURI(filepath.Join(root, n)) }
	page := uri("sub/page.html")
	for _, tc := range []struct {
		name       string
		doc        string
		line, char int
		file       string // "": no answer
		want       span
	}{
		{"imported with an alias", page, 3, 23, "macros.html", span{position{0, 9}, position{0, 13}}},
		{"its own, a space before the parenthesis", page, 3, 37, "sub/page.html", span{position{2, 9}, position{2, 14}}},
		{"the parent's", page, 3, 52, "base.html", span{position{0, 39}, position{0, 44}}},
		{"imported without an alias", page, 3, 67, "macros.html", span{position{1, 9}, position{1, 12}}},
		{"a call in a tag", page, 3, 83, "sub/page.html", span{position{2, 9}, position{2, 14}}},
		{"not a call", page, 3, 108, "", span{}},
		{"a method", page, 3, 121, "", span{}},
		{"no such macro", page, 3, 135, "", span{}},
		{"the import's name", page, 1, 29, "macros.html", span{position{0, 9}, position{0, 13}}},
		{"the import's alias", page, 1, 35, "macros.html", span{position{0, 9}, position{0, 13}}},
		{"the import's second name", page, 1, 39, "macros.html", span{position{1, 9}, position{1, 12}}},
		{"the import's file", page, 1, 14, "macros.html", span{}},
		{"a macro's own name", uri("macros.html"), 0, 10, "", span{}},
		{"a partial", uri("parts.html"), 0, 36, "parts.html", span{position{0, 14}, position{0, 18}}},
		{"a template's partial", uri("parts.html"), 0, 80, "parts.html", span{position{0, 14}, position{0, 18}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ask(t, s, "textDocument/definition", at(tc.doc, tc.line, tc.char))
			if tc.file == "" {
				if string(got) != "null" {
					t.Fatalf("definition = %s, want null", got)
				}
				return
			}
			var l location
			if err := json.Unmarshal(got, &l); err != nil {
				t.Fatalf("%v: %s", err, got)
			}
			if want := (location{URI: uri(tc.file), Range: tc.want}); l != want {
				t.Fatalf("definition = %+v, want %+v", l, want)
			}
		})
	}
}

// Completion of what {% load %} makes available, and of libraries.
func TestCompletionLoad(t *testing.T) {
	cfg := lint.Config{Libraries: map[string]lint.Library{"shop": {Tags: lint.Tags{"cart": {}, "panel": {Body: true, Intermediates: []string{"alt"}}}, Filters: lint.Filters{"money": {}}}}}
	root := writeTree(t, map[string]string{
		"page.html": "{% load humanize %}{% load cart money from shop %}{{ n| }}{%  %}\n" +
			"{% load  %}{% load i18n  %}{% load  from shop %}{% load trans from  %}\n" +
			"",
		"before.html":   "{%  %}{% load i18n %}{{ x| }}{% load humanize %}",
		"comments.html": "{# {% load tz %} #}{% comment %}{% load static %}{% endcomment %}{%  %}{{ n| }}",
	})
	s, err := NewServer(root, cfg)
	if err != nil {
		t.Fatal(err)
	}
	page := fileURI(filepath.Join(root, "page.html"))
	humanize := lint.Libraries(lint.Config{})["humanize"]
	var hfilters []string
	for n := range humanize.Filters {
		hfilters = append(hfilters, n+" filter of library humanize")
	}
	var i18nFilters []string
	for n := range lint.Libraries(lint.Config{})["i18n"].Filters {
		i18nFilters = append(i18nFilters, n+" filter of library i18n")
	}
	slices.Sort(i18nFilters)
	libs := []string{"cache library", "humanize library", "i18n library", "l10n library", "shop the application's library", "static library", "tz library"}
	for _, tc := range []struct {
		name       string
		doc        string
		line, char int
		want       []string // the items from libraries, "label detail", sorted
	}{
		{"filters after |", page, 0, 55, slices.Sorted(slices.Values(append(hfilters, "money filter of library shop")))},
		{"tags after {%", page, 0, 61, []string{"cart tag of library shop"}},
		{"libraries", page, 1, 8, libs},
		{"libraries, a word typed", page, 1, 23, libs},
		{"a library's names before from", page, 1, 35, []string{"cart tag of library shop", "panel tag of library shop", "money filter of library shop"}},
		{"libraries after from", page, 1, 67, libs},
		{"loads in comments load nothing", fileURI(filepath.Join(root, "comments.html")), 0, 68, nil},
		{"nor filters", fileURI(filepath.Join(root, "comments.html")), 0, 76, nil},
		{"a load after the cursor loads nothing", fileURI(filepath.Join(root, "before.html")), 0, 3, nil},
		{"only the loads before the cursor", fileURI(filepath.Join(root, "before.html")), 0, 26, i18nFilters},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cl completionList
			if err := json.Unmarshal(ask(t, s, "textDocument/completion", at(tc.doc, tc.line, tc.char)), &cl); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range cl.Items {
				if strings.Contains(it.Detail, "librar") {
					got = append(got, it.Label+" "+it.Detail)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("completion (-want +got):\n%s", diff)
			}
		})
	}

	// A library's block tags bring their intermediate and end tags; hover
	// says whose a tag is.
	os.WriteFile(filepath.Join(root, "block.html"), []byte("{% load shop i18n %}{%  %}{% trans \"x\" %}"), 0o644)
	doc := fileURI(filepath.Join(root, "block.html"))
	var cl completionList
	json.Unmarshal(ask(t, s, "textDocument/completion", at(doc, 0, 23)), &cl)
	labels := map[string]string{}
	for _, it := range cl.Items {
		labels[it.Label] = it.Detail
	}
	for label, detail := range map[string]string{
		"alt":               "tag of library shop, in {% panel %}",
		"endpanel":          "tag of library shop, the end of {% panel %}",
		"endblocktranslate": "tag of library i18n, the end of {% blocktranslate %}",
		"plural":            "tag of library i18n, in {% blocktranslate %}",
		"trans":             "tag of library i18n",
	} {
		if labels[label] != detail {
			t.Errorf("completion of %s: %q, want %q", label, labels[label], detail)
		}
	}
	var h hover
	json.Unmarshal(ask(t, s, "textDocument/hover", at(doc, 0, 30)), &h)
	if want := "**trans** (tag) of library i18n, loaded with {% load i18n %}."; h.Contents.Value != want {
		t.Errorf("hover on trans: %q, want %q", h.Contents.Value, want)
	}
}

// sym is a symbol as the tests write it: name, detail, kind, range and
// the name's range as "line:char-line:char", children.
type sym struct {
	name, detail string
	kind         int
	rng, sel     string
	kids         []sym
}

func flat(ds []documentSymbol) []sym {
	var out []sym
	r := func(s span) string {
		return fmt.Sprintf("%d:%d-%d:%d", s.Start.Line, s.Start.Character, s.End.Line, s.End.Character)
	}
	for _, d := range ds {
		out = append(out, sym{d.Name, d.Detail, d.Kind, r(d.Range), r(d.SelectionRange), flat(d.Children)})
	}
	return out
}

func TestDocumentSymbols(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []sym
	}{
		{"none", "plain {{ x }} {% if x %}{% endif %}", nil},
		{"a block", "{% block title %}x{% endblock %}", []sym{{"title", "block", 3, "0:0-0:32", "0:9-0:14", nil}}},
		{"nested", "{% block a %}\n  {% block b %}{% endblock b %}\n{% endblock %}", []sym{
			{"a", "block", 3, "0:0-2:14", "0:9-0:10", []sym{{"b", "block", 3, "1:2-1:31", "1:11-1:12", nil}}}}},
		{"a macro and a partial", "{%- macro card(item, size=2) export -%}{% partialdef p inline %}{% endpartialdef %}{% endmacro %}{% partialdef q %}{% endpartialdef q %}", []sym{
			{"card", "macro card(item, size=2)", 12, "0:0-0:97", "0:10-0:14", []sym{{"p", "partial, inline", 2, "0:39-0:83", "0:53-0:54", nil}}},
			{"q", "partial", 2, "0:97-0:136", "0:111-0:112", nil}}},
		{"unclosed, to the end", "{% block a %}{% block b %}x", []sym{
			{"a", "block", 3, "0:0-0:27", "0:9-0:10", []sym{{"b", "block", 3, "0:13-0:27", "0:22-0:23", nil}}}}},
		{"an end closes those left open inside", "{% block a %}{% block b %}{% endblock a %}", []sym{
			{"a", "block", 3, "0:0-0:42", "0:9-0:10", []sym{{"b", "block", 3, "0:13-0:26", "0:22-0:23", nil}}}}},
		{"comments and verbatim are not syntax", "{# {% block a %} #}{% comment %}{% block b %}{% endcomment %}{% verbatim %}{% block c %}{% endverbatim %}", nil},
		{"UTF-16 positions", "é😀{% block ü %}{% endblock %}", []sym{{"ü", "block", 3, "0:3-0:30", "0:12-0:13", nil}}},
		{"a tag being typed", "{% block a %}{% block ", []sym{{"a", "block", 3, "0:0-0:22", "0:9-0:10", nil}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := flat(documentSymbols(tc.text))
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(sym{})); diff != "" {
				t.Errorf("symbols (-want +got):\n%s", diff)
			}
		})
	}
}

// The symbols of a real template, as the server answers them, one a
// line, children indented: the golden file testdata/lsp/symbols.txt.
func TestDocumentSymbolsGolden(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "lsp")
	src, err := os.ReadFile(filepath.Join(dir, "symbols.html"))
	if err != nil {
		t.Fatal(err)
	}
	root := writeTree(t, map[string]string{"symbols.html": string(src)})
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc := fileURI(filepath.Join(root, "symbols.html"))
	var ds []documentSymbol
	if err := json.Unmarshal(ask(t, s, "textDocument/documentSymbol", `{"textDocument":{"uri":"`+doc+`"}}`), &ds); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var outline func(ss []sym, indent string)
	outline = func(ss []sym, indent string) {
		for _, x := range ss {
			fmt.Fprintf(&b, "%s%s (%s, kind %d) %s name %s\n", indent, x.name, x.detail, x.kind, x.rng, x.sel)
			outline(x.kids, indent+"  ")
		}
	}
	outline(flat(ds), "")
	path := filepath.Join(dir, "symbols.txt")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("symbols (-want +got):\n%s", diff)
	}
}

// Bad params and positions of the new requests: an error or nothing.
func TestBadRequests(t *testing.T) {
	root := writeTree(t, sample)
	s, err := NewServer(root, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	page := fileURI(filepath.Join(root, "page.html"))
	for _, tc := range []struct {
		method, params string
		code           int    // 0: a result
		want           string // the result
	}{
		{"textDocument/documentSymbol", `[]`, codeInvalidParams, ""},
		{"textDocument/documentSymbol", `{"textDocument":{"uri":"file:///nowhere/x.html"}}`, 0, "null"},
		{"textDocument/documentSymbol", `{"textDocument":{"uri":"%%%"}}`, 0, "null"},
		{"textDocument/documentSymbol", `{}`, 0, "null"},
		{"textDocument/definition", `{"textDocument":{"uri":"` + page + `"}}`, codeInvalidParams, ""},
		{"textDocument/definition", at(page, 7, 0), 0, "null"},
		{"textDocument/definition", at(page, 0, -1), 0, "null"},
		{"textDocument/completion", at(page, 1, 500), 0, "null"},
		{"textDocument/formatting", `{}`, codeMethodNotFound, ""},
	} {
		res, rerr := s.answer(context.Background(), tc.method, json.RawMessage(tc.params))
		if tc.code != 0 {
			if rerr == nil || rerr.Code != tc.code {
				t.Errorf("%s %s: %v, want code %d", tc.method, tc.params, rerr, tc.code)
			}
			continue
		}
		b, _ := json.Marshal(res)
		if rerr != nil || string(b) != tc.want {
			t.Errorf("%s %s: %s %v, want %s", tc.method, tc.params, b, rerr, tc.want)
		}
	}
}
