package braid_test

import (
	"context"
	"strings"
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
		"n": 5, "nl": "a\nb", "floats": []any{1.5}, "ten": "a\nb\nc\nd\ne\nf\ng\nh\ni\nj",
		"argf": func(a []int) int { return len(a) },
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
		{`{{ post }}`, `<braid_test.post Value>`, `{x}`}, // pongo2 escapes strings only
		// pongo2's arithmetic and comparisons, on Go values.
		{`{{ 1/2 }}|{{ 7/2.0 }}`, `0|3.500000`, `0.5|3.5`},
		{`{{ 1 + "a" }}`, `1a`, ""},
		{`{{ "3" * 2 }}`, `6`, ""},
		{`{{ 2 ^ 3 }}|{{ -2 ^ 2 }}|{{ 2 ^ 3 ^ 2 }}`, `8.000000|-4.000000|512.000000`, `8|4|64`},
		{`{{ 7 % -3 }}`, `1`, `-2`},
		{`{{ 4.0 == 4 }}|{{ "10" < "9" }}`, `False|False`, `True|True`},
		// a missing variable is nil: a filter's argument, and its input.
		{`{{ n|add:missing }}`, `5`, ""},
		{`{{ missing|yesno }}|{{ missing|default_if_none:"d" }}`, `maybe|d`, `no|`},
		{`{% lorem 3 w %}`, `Lorem ipsum dolor`, `lorem ipsum dolor`},
		{`{{ 'a\"b' }}`, `a&quot;b`, `a\"b`},
		// pongo2's filters where they differ from Django's.
		{`{{ 1|add:"b" }}`, `1b`, ``},
		{`{{ ""|capfirst }}|{{ 5|capfirst }}`, `|`, `|5`},
		{`'{{ "test2"|center:20 }}'`, `'        test2       '`, `'       test2        '`},
		{`{{ "<i>"|safe|escape }}|{{ "<i>"|e }}`, `&lt;i&gt;|&lt;i&gt;`, ""},
		{`{{ "x?"|escapejs }}`, `x\u003F`, `x?`},
		{`{{ 5|first }}|{{ 5|last }}|{{ 5|random }}`, `||5`, ""},
		{`{{ 1234|get_digit }}|{{ 1234|get_digit:"2" }}`, `1234|3`, ""},
		{`{{ floats|join:"," }}`, `1.500000`, `1.5`},
		{`{{ 5|length_is:1 }}`, `False`, ``},
		{`{{ nl|linebreaksbr }}|{{ nl|linebreaks|safe }}`, `a&lt;br /&gt;b|<p>a<br />b</p>`, `a<br>b|<p>a<br>b</p>`},
		{`{{ ten|linenumbers|length }}`, `50`, `59`}, // "1. a", Django "01. a"
		{`{{ 5|stringformat:"%03d" }}`, `005`, ``},
		{`{{ 5|title }}`, ``, `5`},
		{`{{ "hello"|truncatechars:4 }}|{{ "a b c"|truncatewords:2 }}`, `h...|a b ...`, `hel…|a b …`},
		{`{{ "<p>abcdef</p>"|truncatechars_html:5 }}|{{ "<p>a b c</p>"|truncatewords_html:2 }}`, `<p>ab...</p>|<p>a b ...</p>`, `<p>abcd…</p>|<p>a b …</p>`},
		{`{{ "a/b c"|urlencode }}`, `a%2Fb+c`, `a/b%20c`},
		{`{{ "see www.x.de"|urlize|safe }}`, `see <a href="http://www.x.de" rel="nofollow">www.x.de</a>`, `see <a href="http://www.x.de" rel="nofollow">www.x.de</a>`},
		{`{{ "see www.x.de"|urlize }}`, `see &lt;a href=&quot;http://www.x.de&quot; rel=&quot;nofollow&quot;&gt;www.x.de&lt;/a&gt;`, `see <a href="http://www.x.de" rel="nofollow">www.x.de</a>`},
		{`{{ "see www.x.de now"|urlizetrunc:6|safe }}`, `see <a href="http://www.x.de" rel="nofollow">www...</a> now`, `see <a href="http://www.x.de" rel="nofollow">www.x…</a> now`},
		{`{{ "a b c"|wordwrap:2 }}`, "a b\nc", "a\nb\nc"},
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
	// pongo2's errors, in its words; Django's where it has one.
	for _, tt := range []struct{ src, pongo2, django string }{
		{`{{ true|yesno:"a" }}`, "you must either pass no or at least 2 arguments to the 'yesno'-filter (got: 'a')", ""},
		{`{{ -"a" }}`, "Negative sign on a non-number expression", "cannot apply unary - to string"},
		{`{{ argf(1) }}`, "function input argument 0 of 'argf' must be of type []int or *pongo2.Value (not int)", "calling argf: argument 1: expected []int, got int"},
		{`{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}`, "Macro 'm' called with too many arguments (2 instead of 1).", "macro m takes 1 arguments, got 2"},
		{`{% macro n() export %}{% endmacro %}{{ 1 }}`, "context key name 'n' clashes with macro 'n'", ""},
		{`{{ }}`, "Expected either a number, string, keyword or identifier.", "empty {{ }}"},
		{`{{ "a"|nosuch }}`, "Filter 'nosuch' does not exist.", `unknown filter "nosuch"`},
		{`{{ (1 }}`, "Closing bracket expected after expression", `expected ")" to close`},
		{`{{ 1|add: }}`, "Filter parameter required after ':'.", "expected the filter's argument after :"},
		{`{{ 1|"x" }}`, "Filter name must be an identifier.", "expected a filter name after |"},
		{`{% if true %}`, "Unexpected EOF, expected tag elif or else or endif.", "{% if %} is never closed"},
		{`{% if (1) . %}{% endif %}`, "If-condition is malformed.", "expected an attribute name or index after ."},
		{`{% block a %}{% block a %}{% endblock %}{% endblock %}`, "Block named 'a' already defined.", "{% block a %} appears more than once"},
		{`{% block a %}{% endblock b %}`, "Name for 'endblock' must equal to 'block'-tag's name ('a' != 'b').", "{% endblock b %} does not match"},
		{`{% block a %}{% endblock a b %}`, "Either no or only one argument (identifier) allowed for 'endblock'.", `unexpected name "b"`},
		{`{% macro m() export %}{% endmacro %}{% macro m() export %}{% endmacro %}`, "another macro with name 'm' already exported", "{% macro m %} is defined twice"},
	} {
		for _, m := range []struct {
			name, want string
			eng        *braid.Engine
		}{{"pongo2", tt.pongo2, pongo2}, {"django", tt.django, django}} {
			tpl, err := m.eng.FromString(tt.src)
			if err == nil {
				_, err = tpl.RenderString(context.Background(), data)
			}
			switch {
			case m.want == "" && err != nil:
				t.Errorf("%s %s: %v; want no error", m.name, tt.src, err)
			case m.want != "" && (err == nil || !strings.Contains(err.Error(), m.want)):
				t.Errorf("%s %s: %v; want an error with %q", m.name, tt.src, err, m.want)
			}
		}
	}
	// pongo2 loads a static include when it compiles; Django when it
	// renders.
	if _, err := pongo2.FromString(`{% include "missing.html" %}`); err == nil || !strings.Contains(err.Error(), `template "missing.html" not found`) {
		t.Errorf("pongo2: a missing include compiles: %v", err)
	}
	if tpl, err := django.FromString(`{% include "missing.html" %}`); err != nil {
		t.Errorf("django: a missing include does not compile: %v", err)
	} else if _, err := tpl.RenderString(context.Background(), nil); err == nil {
		t.Error("django: a missing include renders")
	}
	tpl, err := pongo2.Template("child.html")
	if err != nil {
		t.Fatal(err)
	}
	if out, err := tpl.RenderString(context.Background(), nil); err != nil || out != "[base+child]" {
		t.Errorf("block.Super: %q, %v", out, err)
	}
}
