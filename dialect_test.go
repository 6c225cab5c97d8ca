package braid_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
)

// TestPongo2Dialect checks each difference braid.WithDialect(braid.Pongo2)
// makes, and that Django's dialect keeps Django's behaviour.
func TestPongo2Dialect(t *testing.T) {
	type post struct{ Text string }
	data := map[string]any{
		"nothing": nil, "f": 3.14, "t": time.Date(2014, 6, 10, 15, 30, 15, 0, time.UTC),
		"post": post{Text: "x"}, "d": map[string]any{"51232_3": "foo"}, "s": "it's",
	}
	files := fstest.MapFS{
		"base.html":  {Data: []byte(`[{% block a %}base{% endblock %}]`)},
		"child.html": {Data: []byte(`{% extends "base.html" %}{% block a %}{{ block.Super }}+child{% endblock %}`)},
	}
	pongo2 := braid.New(braid.WithFS(files), braid.WithDialect(braid.Pongo2))
	django := braid.New(braid.WithFS(files))
	for _, tt := range []struct{ src, pongo2, django string }{
		{`{{ "<b>" }}`, `&lt;b&gt;`, `<b>`},
		{`{{ s }}`, `it&#39;s`, `it&#x27;s`},
		{`{{ nothing }}|{{ f }}`, `|3.140000`, `None|3.14`},
		{`{{ t }}`, `2014-06-10 15:30:15 +0000 UTC`, `June 10, 2014, 3:30 p.m.`},
		{"a  {%- if 1 -%}  b  {%- endif %}", `ab`, ""},
		{`{% firstof %}.`, `.`, ""},
		{`{% filter safe %}<i>{% endfilter %}`, `<i>`, ""},
		{`{{ d.51232_3 }}`, `foo`, ""},
		{`{% if "Text" in post %}yes{% endif %}`, `yes`, ``},
		{`{% with 1 as a 2 as b %}{{ a }}{{ b }}{% endwith %}`, `12`, ""},
		{"{% spaceless %}\n<p> <b>x</b> </p>\n{% endspaceless %}", "\n<p><b>x</b></p>\n", "<p><b>x</b></p>"},
		{`{% now "2006-01-02 15:04" fake %}`, `2014-02-05 18:31`, ""},
		{`{{ t|date:"Jan 2, 2006" }}`, `Jun 10, 2014`, ""},
		{`{{ post }}`, `&lt;braid_test.post Value&gt;`, `{x}`},
	} {
		for _, m := range []struct {
			name, want string
			eng        *braid.Engine
		}{{"pongo2", tt.pongo2, pongo2}, {"django", tt.django, django}} {
			tpl, err := m.eng.FromString(tt.src)
			if m.want == "" && m.name == "django" {
				if err == nil {
					if out, rerr := tpl.RenderString(context.Background(), data); rerr == nil && out != "" && tt.pongo2 == out {
						t.Errorf("django %s: renders pongo2's %q", tt.src, out)
					}
				}
				continue
			}
			if err != nil {
				t.Errorf("%s %s: %v", m.name, tt.src, err)
				continue
			}
			out, err := tpl.RenderString(context.Background(), data)
			if err != nil || out != m.want {
				t.Errorf("%s %s: %q, %v; want %q", m.name, tt.src, out, err, m.want)
			}
		}
	}
	tpl, err := pongo2.Template("child.html")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := tpl.RenderString(context.Background(), nil); err != nil || out != "[base+child]" {
		t.Errorf("block.Super: %q, %v", out, err)
	}
}
