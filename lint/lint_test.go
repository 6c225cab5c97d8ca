package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/braidtpl/braid/loader"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, src := range files {
		m[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return m
}

// short lists findings as "file:line:col rule".
func short(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d:%d %s", f.File, f.Line, f.Column, f.Rule))
	}
	return out
}

func check(t *testing.T, fsys fs.FS, cfg Config, names ...string) ([]Finding, error) {
	t.Helper()
	c, err := New(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		all, err := fs.Glob(fsys, "*")
		if err != nil {
			t.Fatal(err)
		}
		names = all
	}
	return c.Check(context.Background(), names...)
}

// TestCheck: what each rule finds in small trees, and what it does not.
// Only the file named first is checked.
func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		cfg   Config
		want  []string
	}{
		{"clean", map[string]string{"a.html": "<p>{{ x }}</p>"}, Config{}, nil},
		{"every syntax error", map[string]string{"a.html": "{% if %}\n{{ }}\n{% endfor %}"}, Config{},
			[]string{"a.html:1:1 syntax", "a.html:1:7 syntax", "a.html:2:1 syntax", "a.html:3:1 syntax"}},
		{"compile errors after a parse", map[string]string{"a.html": "{{ x|nope }}{% nope %}{{ x|upper:1 }}{% load nope %}{% resetcycle %}"}, Config{},
			[]string{"a.html:1:6 unknown-filter", "a.html:1:13 unknown-tag", "a.html:1:28 filter-arg", "a.html:1:38 load-unknown", "a.html:1:53 resetcycle-unknown"}},
		{"a library's tag before its load", map[string]string{"a.html": "{% static 'x.css' %}{% load static %}{% static 'x.css' %}"}, Config{},
			[]string{"a.html:1:1 unknown-tag"}},
		{"declared tags and filters", map[string]string{"a.html": "{% load shop %}{% cart %}{% box a=x|money %}in{% endbox %}{{ y|money }}"},
			Config{Tags: Tags{"box": {Body: true}}, Filters: Filters{"money": {}}, Libraries: map[string]Library{"shop": {Tags: Tags{"cart": {}}}}}, nil},
		{"a declared tag's body is checked", map[string]string{"a.html": "{% box %}{{ x|nope }}{% endbox %}"}, Config{Tags: Tags{"box": {Body: true}}},
			[]string{"a.html:1:15 unknown-filter"}},
		{"extends not first", map[string]string{"a.html": "{% load i18n %}{% extends 'b.html' %}", "b.html": ""}, Config{},
			[]string{"a.html:1:16 extends-first"}},
		{"missing", map[string]string{"a.html": "{% extends 'base.html' %}{% include 'x.html' %}{% include 'y.html' if_exists %}{% include name %}{% import 'm.html' a %}{% ssi 's.txt' %}{% include '../up.html' %}"}, Config{},
			[]string{"a.html:1:12 missing-template", "a.html:1:37 missing-template", "a.html:1:108 missing-template", "a.html:1:128 missing-template", "a.html:1:149 missing-template"}},
		{"relative names resolve", map[string]string{"d/a.html": "{% include './b.html' %}{% include '../c.html' %}", "d/b.html": "", "c.html": ""}, Config{}, nil},
		{"partials", map[string]string{"a.html": "{% include 'b.html#card' %}{% include 'b.html#nope' %}", "b.html": "{% partialdef card %}x{% endpartialdef %}"}, Config{},
			[]string{"a.html:1:39 missing-template"}},
		{"include cycle", map[string]string{"a.html": "{% include 'b.html' %}", "b.html": "{% with x=1 %}{% include 'a.html' %}{% endwith %}"}, Config{},
			[]string{"a.html:1:12 include-cycle"}},
		{"a template that includes its own partial", map[string]string{"a.html": "{% partialdef card %}x{% endpartialdef %}{% include 'a.html#card' %}"}, Config{}, nil},
		{"recursive include in a loop", map[string]string{"a.html": "{% for c in n.children %}{% include 'a.html' with n=c %}{% endfor %}"}, Config{}, nil},
		{"a child's include outside its blocks never renders", map[string]string{"a.html": "{% extends 'b.html' %}{% include 'a.html' %}", "b.html": ""}, Config{}, nil},
		{"extends cycle", map[string]string{"a.html": "{% extends 'a.html' %}"}, Config{}, []string{"a.html:1:12 extends-cycle"}},
		{"duplicate and mismatched blocks", map[string]string{"a.html": "{% block a %}{% endblock %}{% block a %}{% endblock %}{% block b %}{% endblock c %}"}, Config{},
			[]string{"a.html:1:28 block-duplicate", "a.html:1:68 endblock-mismatch"}},
		{"unknown block", map[string]string{"a.html": "{% extends 'b.html' %}{% block sidbar %}{% block new %}{% endblock %}{% endblock %}{% block main %}{% endblock %}",
			"b.html": "{% extends 'c.html' %}{% block main %}{% endblock %}", "c.html": "{% block sidebar %}{% endblock %}"}, Config{},
			[]string{"a.html:1:23 block-unknown"}},
		{"no block check through a computed parent", map[string]string{"a.html": "{% extends 'b.html' %}{% block x %}{% endblock %}", "b.html": "{% extends name %}"}, Config{}, nil},
		{"block.super", map[string]string{"a.html": "{{ block.super }}{% block a %}{{ block.super }}{% endblock %}"}, Config{},
			[]string{"a.html:1:4 block-super-outside", "a.html:1:34 block-super-outside"}},
		{"block.super in a child", map[string]string{"a.html": "{% extends 'b.html' %}{% block a %}{{ block.super }}{% endblock %}", "b.html": "{% block a %}{% endblock %}"}, Config{}, nil},
		{"forloop", map[string]string{"a.html": "{{ forloop.counter }}{% for x in y %}{{ forloop.counter }}{% empty %}{{ forloop.first }}{% endfor %}"}, Config{},
			[]string{"a.html:1:4 forloop-outside-loop", "a.html:1:73 forloop-outside-loop"}},
		{"forloop in an included template", map[string]string{"a.html": "{{ forloop.counter }}", "b.html": "{% for x in y %}{% include 'a.html' %}{% endfor %}"}, Config{}, nil},
		{"forloop in a template a dynamic include may name", map[string]string{"a.html": "{{ forloop.counter }}", "b.html": "{% include name %}"}, Config{}, nil},
		{"forloop in a block a parent loops over", map[string]string{"a.html": "{% extends 'b.html' %}{% block row %}{{ forloop.counter }}{% cycle 'a' 'b' %}{% endblock %}",
			"b.html": "{% for x in y %}{% block row %}{% endblock %}{% endfor %}"}, Config{Disable: []string{"sequential-loop"}}, nil},
		{"forloop and cycle in macros", map[string]string{"a.html": "{% macro row() %}{{ forloop.counter }}{% cycle 'a' 'b' %}{% endmacro %}"}, Config{}, nil},
		{"cycle outside loop", map[string]string{"a.html": "{% cycle 'a' 'b' %}{% cycle 'a' 'b' as r silent %}{% cycle r %}"}, Config{},
			[]string{"a.html:1:1 cycle-outside-loop"}},
		{"sequential loop", map[string]string{"a.html": "{% for x in y %}{% ifchanged x %}{{ x }}{% endifchanged %}{% endfor %}{% for x in y %}{% with a=x %}{{ a }}{% endwith %}{% endfor %}"}, Config{},
			[]string{"a.html:1:1 sequential-loop"}},
		{"a declared stateful tag", map[string]string{"a.html": "{% for x in y %}{% counter %}{% endfor %}"}, Config{Tags: Tags{"counter": {Stateful: true}}},
			[]string{"a.html:1:1 sequential-loop"}},
		{"deprecated", map[string]string{"a.html": "{% ifequal a b %}{% endifequal %}{% with a as b %}{% endwith %}{{ x|length_is:2 }}"}, Config{},
			[]string{"a.html:1:1 deprecated", "a.html:1:34 deprecated", "a.html:1:69 deprecated"}},
		{"unsafe output is off by default", map[string]string{"a.html": "{{ x|safe }}{% autoescape off %}{% endautoescape %}"}, Config{}, nil},
		{"unsafe output", map[string]string{"a.html": "{{ x|safe }}{{ 'lit'|safe }}{{ x|upper|safe }}{% autoescape off %}{% endautoescape %}{{ xs|safeseq }}"}, Config{EnableSets: []string{SecuritySet}},
			[]string{"a.html:1:6 unsafe-output", "a.html:1:40 unsafe-output", "a.html:1:47 unsafe-output", "a.html:1:92 unsafe-output"}},
		{"disable and enable", map[string]string{"a.html": "{{ x|safe }}{{ forloop }}"}, Config{Enable: []string{"unsafe-output"}, Disable: []string{"forloop-outside-loop"}},
			[]string{"a.html:1:6 unsafe-output"}},
		{"ignore comments", map[string]string{"a.html": "{# tplcheck:ignore unknown-filter #}\n{{ x|nope }}{{ forloop }}\n{# tplcheck:ignore #}\n{% nope %}{{ y|nope }}\n{{ z|nope }}{# tplcheck:ignore deprecated, unknown-filter #}"}, Config{},
			[]string{"a.html:2:16 forloop-outside-loop"}},
		{"text files have no HTML contexts", map[string]string{"a.txt": "<script>{{ x }}</script>"}, Config{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mapFS(tt.files)
			first := "a.html"
			for _, n := range []string{"a.txt", "d/a.html"} {
				if _, ok := tt.files[n]; ok {
					first = n
				}
			}
			// Every file is checked (the others may include it); the
			// findings about the first are compared.
			var names []string
			for n := range tt.files {
				names = append(names, n)
			}
			got, err := check(t, fsys, tt.cfg, names...)
			if err != nil {
				t.Fatal(err)
			}
			got = slices.DeleteFunc(got, func(f Finding) bool { return f.File != first })
			if d := cmp.Diff(append([]string{}, tt.want...), short(got)); d != "" {
				t.Errorf("findings (-want +got):\n%s\n%v", d, got)
			}
		})
	}
}

// TestUnescapedContext: where a {{ }} lands in the HTML, and whether
// escaping protects it there.
func TestUnescapedContext(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want string // "" for no finding, else a word of the message
	}{
		{`<p>{{ x }}</p>`, ""},
		{`<p title="{{ x }}">`, ""},
		{`<p title='{{ x }}'>`, ""},
		{`<p title={{ x }}>`, "unquoted"},
		{`<p title=a{{ x }}>`, "unquoted"},
		{`<p {{ attrs }}>`, "attribute list"},
		{`<p {{ attrs|safe }}>`, ""},
		{`<p class="a" {{ attrs }} id="b">`, "attribute list"},
		{`<a href="{{ u }}">`, "javascript:"},
		{`<a href=" {{ u }}">`, "javascript:"},
		{`<a href="/{{ u }}">`, ""},
		{`<a href="{% url 'x' %}{{ u }}">`, ""},
		{`{% url 'x' as home %}<a href="{{ home }}">`, ""},
		{`<a href="{{ u|urlencode }}">`, ""},
		{`<a href="{{ obj.get_absolute_url }}">`, ""},
		{`<img src="{{ STATIC_URL }}a.png">`, ""},
		{`<form action="{{ target }}">`, "javascript:"},
		{`<a onclick="f('{{ x }}')">`, "event handler"},
		{`<a onclick="f('{{ x|escapejs }}')">`, ""},
		{`<a ONCLICK="f({{ x }})">`, "event handler"},
		{`<script>var a = {{ x }};</script>`, "JavaScript code"},
		{`<script>var a = "{{ x }}";</script>`, "JavaScript string"},
		{`<script>var a = '{{ x }}';</script>`, "JavaScript string"},
		{"<script>var a = `{{ x }}`;</script>", "JavaScript string"},
		{`<script>var a = "{{ x|escapejs }}";</script>`, ""},
		{`<script>var a = {{ x|escapejs }};</script>`, "JavaScript code"},
		{`<script>var n = {{ xs|length }};</script>`, ""},
		{`<script>// it's {{ x }}` + "\n</script>", ""},
		{`<script>/* "{{ x }}" */ var a = "{{ y }}";</script>`, "JavaScript string"},
		{`<script>var a = "\"{{ x }}";</script>`, "JavaScript string"},
		{`<script type="application/json">{{ x }}</script>`, ""},
		{`<script type="text/template"><b>{{ x }}</b></script>`, ""},
		{`<script type="module">{{ x }}</script>`, "JavaScript code"},
		{`<script>var a = 1;</script><p>{{ x }}</p>`, ""},
		{`<script>var s = "</script>";</script><p>{{ x }}</p>`, ""},
		{`<style>p { color: {{ c }} }</style>`, "<style>"},
		{`<!-- <script> -->{{ x }}`, ""},
		{`<!DOCTYPE html><p>{{ x }}`, ""},
		{`<p>{{ "literal" }}</p><script>{{ 3 }}</script>`, ""},
		{`<input {% if c %}checked{% endif %} value="{{ x }}">`, ""},
		{`<a {% if c %}href="{{ u }}"{% else %}href="/"{% endif %}>`, "javascript:"},
		{`<script>{% if a %}"{% else %}'{% endif %}{{ x }}</script>`, "JavaScript string"},
		{`<textarea>{{ x }}</textarea>`, ""},
		{`{% verbatim %}<script>{% endverbatim %}{{ x }}`, "JavaScript code"},
	} {
		got, err := check(t, mapFS(map[string]string{"a.html": tt.src}), Config{Disable: []string{"sequential-loop"}}, "a.html")
		if err != nil {
			t.Fatal(err)
		}
		var msg string
		for _, f := range got {
			if f.Rule == "unescaped-context" {
				msg = f.Message
			}
		}
		if tt.want == "" && msg != "" || tt.want != "" && !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %q, want %q", tt.src, msg, tt.want)
		}
	}
}

// TestBlockContext: a child's block is read in the HTML its parent puts
// it in.
func TestBlockContext(t *testing.T) {
	fsys := mapFS(map[string]string{
		"base.html":  `<script>var cfg = {% block cfg %}{}{% endblock %};</script><main>{% block main %}{% endblock %}</main>`,
		"child.html": `{% extends "base.html" %}{% block cfg %}{{ data }}{% endblock %}{% block main %}{{ data }}{% endblock %}`,
		"grand.html": `{% extends "child.html" %}{% block cfg %}{"a": {{ a }}}{% endblock %}`,
	})
	got, err := check(t, fsys, Config{}, "child.html", "grand.html")
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"child.html:1:41 unescaped-context", "grand.html:1:48 unescaped-context"}, short(got)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// TestMessages: what the findings say, for the rules whose messages
// name more than one template.
func TestMessages(t *testing.T) {
	fsys := mapFS(map[string]string{
		"a.html":    "{% include 'b.html' %}",
		"b.html":    "{% include 'c.html' %}",
		"c.html":    "{% include 'a.html' %}",
		"page.html": "{% extends 'base.html' %}{% block contnt %}{% endblock %}",
		"base.html": "{% block content %}{% endblock %}",
		"tags.html": "{% load shop %}{% cart %}{% box %}x{% endbox %}",
	})
	got, err := check(t, fsys, Config{}, "a.html", "page.html", "tags.html")
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range got {
		msgs = append(msgs, f.Message)
	}
	want := []string{
		`{% include "b.html" %}: a.html includes b.html, which includes c.html, which includes a.html, with no condition or loop in between: every render recurses until the depth limit`,
		`{% block contnt %} is in no template page.html extends (base.html): it never renders; did you mean content?`,
		`{% load shop %}: "shop" is not a registered tag library`,
		`unknown tag {% cart %} (perhaps of "shop", loaded at 1:1, which is not registered: declare the library in tplcheck.json)`,
		`unknown tag {% box %} (perhaps of "shop", loaded at 1:1, which is not registered: declare the library in tplcheck.json) (with a body up to {% endbox %} at 1:36: declare it with "body": true)`,
	}
	if d := cmp.Diff(want, msgs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// countingFS counts the files opened, by name.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// TestReadOnce: each template is read (and so parsed) once, however many
// templates extend or include it, and however many Checks there are.
func TestReadOnce(t *testing.T) {
	files := map[string]string{"base.html": "{% block a %}{% endblock %}", "part.html": "<p>{{ x }}</p>"}
	var names []string
	for i := range 50 {
		n := fmt.Sprintf("p%02d.html", i)
		files[n] = "{% extends 'base.html' %}{% block a %}{% include 'part.html' %}{% include 'missing.html' %}{% endblock %}"
		names = append(names, n)
	}
	cfs := &countingFS{FS: mapFS(files), reads: map[string]int{}}
	c, err := New(cfs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err := c.Check(context.Background(), names...)
		if err != nil || len(got) != 50 {
			t.Fatalf("%d findings, %v; want 50 missing includes", len(got), err)
		}
	}
	for name, n := range cfs.reads {
		if n != 1 {
			t.Errorf("%s read %d times", name, n)
		}
	}
	if len(cfs.reads) != 52 {
		t.Errorf("%d files read, want 52", len(cfs.reads))
	}
}

// TestConcurrentChecks: checks running at once on one checker find the
// same, and leave no goroutine behind.
func TestConcurrentChecks(t *testing.T) {
	defer goleak.VerifyNone(t)
	files := map[string]string{"base.html": "<script>{% block js %}{% endblock %}</script>"}
	var names []string
	for i := range 40 {
		n := fmt.Sprintf("p%02d.html", i)
		files[n] = fmt.Sprintf("{%% extends 'base.html' %%}{%% block js %%}var a = {{ a%d }};{%% endblock %%}{%% include 'p%02d.html' %%}", i, (i+1)%40)
		names = append(names, n)
	}
	c, err := New(mapFS(files), Config{})
	if err != nil {
		t.Fatal(err)
	}
	results := make([][]Finding, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			fs, err := c.Check(context.Background(), names...)
			if err != nil {
				t.Error(err)
			}
			results[i] = fs
		})
	}
	wg.Wait()
	if len(results[0]) != 40 {
		t.Errorf("%d findings, want 40", len(results[0]))
	}
	for _, r := range results[1:] {
		if !slices.Equal(r, results[0]) {
			t.Errorf("checks at once differ")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Check(ctx, names...); !errors.Is(err, context.Canceled) {
		t.Errorf("Check after cancel: %v", err)
	}
}

// deniedFS refuses to read one file.
type deniedFS struct {
	fs.FS
	name string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.FS.Open(name)
}

// TestBadInput: files that are not template text are findings, files that
// cannot be read are errors naming them; none is a crash or a hang.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"ok.html":     "{% include 'huge.html' %}",
		"bin.html":    "GIF89a\x00\x01",
		"latin1.html": "caf\xe9",
		"big.html":    strings.Repeat("x", 5000),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	huge := filepath.Join(dir, "huge.html")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 1<<40); err != nil { // a terabyte, sparse: reading it would never end
		t.Fatal(err)
	}
	for _, l := range [][2]string{{"a.html", "b.html"}, {"b.html", "a.html"}} {
		if err := os.Symlink(l[1], filepath.Join(dir, l[0])); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := loader.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(src, Config{MaxSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Check(context.Background(), "ok.html", "bin.html", "latin1.html", "big.html", "huge.html", "a.html", "fifo.html", "gone.html")
	if d := cmp.Diff([]string{"big.html:1:1 bad-input", "bin.html:1:7 bad-input", "huge.html:1:1 bad-input", "latin1.html:1:4 bad-input"}, short(got)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	var names []string
	for _, e := range flatten(err) {
		var fe *FileError
		if !errors.As(e, &fe) {
			t.Fatalf("%v is not a *FileError", e)
		}
		names = append(names, fe.Name)
	}
	if d := cmp.Diff([]string{"a.html", "fifo.html", "gone.html"}, names); d != "" {
		t.Errorf("errors (-want +got):\n%s\n%v", d, err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) is false", err)
	}
	// A file that cannot be read.
	c, err = New(deniedFS{mapFS(map[string]string{"x.html": "x"}), "x.html"}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Check(context.Background(), "x.html"); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("unreadable: %v", err)
	}
}

// TestConfig: the forms tplcheck.json takes, and what it refuses.
func TestConfig(t *testing.T) {
	c, err := ParseConfig([]byte(`{
		"tags": ["a", {"name": "b", "body": true, "intermediates": ["mid"]}],
		"filters": {"f": {"arg": "required"}, "g": {}},
		"libraries": {"lib": {"tags": {"t": {"stateful": true}}, "filters": ["h"]}},
		"disable": ["deprecated"], "enable": ["unsafe-output"], "enable-sets": ["security"],
		"max-size": 100, "search": ["../x"]
	}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Tags:       Tags{"a": {Name: "a"}, "b": {Name: "b", Body: true, Intermediates: []string{"mid"}}},
		Filters:    Filters{"f": {Name: "f", Arg: "required"}, "g": {Name: "g"}},
		Libraries:  map[string]Library{"lib": {Tags: Tags{"t": {Name: "t", Stateful: true}}, Filters: Filters{"h": {Name: "h"}}}},
		Disable:    []string{"deprecated"},
		Enable:     []string{"unsafe-output"},
		EnableSets: []string{"security"},
		MaxSize:    100,
		Search:     []string{"../x"},
	}
	if d := cmp.Diff(want, c); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	for _, bad := range []string{
		`{"tags": 3}`, `{"tag": []}`, `{"disable": ["nope"]}`, `{"enable-sets": ["nope"]}`,
		`{"filters": {"f": {"arg": "maybe"}}}`, `{"tags": [{"body": true}]}`, `{"max-size": -1}`, `{} {}`,
		`{"libraries": {"l": {"filters": {"f": {"arg": "x"}}}}}`,
	} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("ParseConfig(%s): no error", bad)
		}
	}
	if _, err := New(mapFS(nil), Config{Disable: []string{"nope"}}); err == nil {
		t.Error("New with an unknown rule: no error")
	}
}

// TestWatch: a change on disk reaches the callback, and the next Check
// reads the file again; Close leaves no goroutine behind.
func TestWatch(t *testing.T) {
	defer goleak.VerifyNone(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte("ok"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := loader.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(src, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.Check(context.Background(), "page.html"); err != nil || len(got) != 0 {
		t.Fatalf("%v, %v", got, err)
	}
	changed := make(chan []string, 100)
	if err := c.Watch(func(names []string) { changed <- names }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("{{ x|nope }}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for names := range changed {
		if slices.Contains(names, "page.html") {
			break
		}
	}
	got, err := c.Check(context.Background(), "page.html")
	if err != nil || len(got) != 1 || got[0].Rule != "unknown-filter" {
		t.Errorf("after the change: %v, %v", got, err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := (&Checker{srcs: []fs.FS{mapFS(nil)}}).Watch(nil); err == nil {
		t.Error("Watch of a map: no error")
	}
}

// TestEveryRuleDocumented: ids are unique, and every rule has a summary,
// a paragraph and a set.
func TestEveryRuleDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if seen[r.ID] || r.Summary == "" || len(r.Doc) < 100 || (r.Set != DefaultSet && r.Set != SecuritySet) || r.Severity < Info || r.Severity > Error {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
	for _, rule := range codeRules {
		if !seen[rule] {
			t.Errorf("code maps to unknown rule %s", rule)
		}
	}
}
