package parser

import (
	"strings"
	"testing"
)

// constructs is one of each kind of construct; generate repeats them.
var constructs = []string{
	"<h1>{{ title|default:\"Untitled\"|title }}</h1>\n",
	"{% for post in posts reversed %}<li class=\"{% cycle 'odd' 'even' %}\">{{ forloop.counter }}. {{ post.title|truncatechars:30 }}</li>{% empty %}<li>none</li>{% endfor %}\n",
	"{% if user.is_authenticated and not user.banned or perms.admin %}hi {{ user.name }}{% elif x > -1 %}x{% else %}anon{% endif %}\n",
	"{% with total=items|length %}{{ total }} item{{ total|pluralize }}{% endwith %}\n",
	"{% include \"sidebar.html\" with section=\"news\" only %}\n",
	"{% block sidebar_%d %}{{ block.super }}{% endblock %}\n",
	"{# a comment #}{% comment \"note\" %}{% if broken {% endcomment %}\n",
	"{% verbatim %}{{ raw }}{% endverbatim %}\n",
	"{{ a + b * (c - 2) ^ 2 }} {{ fn(a, \"b\")[0].name }} {{ _(\"Hello\") }} {{ -1|abs }}\n",
	"{% ifchanged post.date %}{{ post.date|date:\"D d M Y\" }}{% endifchanged %}\n",
	"{% firstof a b \"fallback\" as x %}{% now \"Y-m-d\" %}{% widthratio v 100 50 %}\n",
	"{% url \"post-detail\" post.id slug=post.slug as the_url %}{% csrf_token %}\n",
	"{% regroup cities|dictsort:\"country\" by country as country_list %}{% lorem 2 w random %}\n",
	"{% autoescape off %}{{ body|safe }}{% endautoescape %}{% spaceless %}<p> <a>x</a> </p>{% endspaceless %}\n",
	"{% filter force_escape|lower %}TEXT{% endfilter %}{% templatetag openblock %}\n",
	"{% set x = a * 2 %}{% macro m(a, b=1) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}\n",
	"{% ifequal a b %}eq{% else %}ne{% endifequal %}{% load humanize static %}\n",
	"{% partialdef card_%d %}<div>{{ card }}</div>{% endpartialdef %}{% querystring page=2 %}\n",
	"Plain text line with no tags at all, just words and <b>markup</b> to copy.\n",
}

// generate returns a template of about size bytes with every construct.
func generate(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		c := constructs[i%len(constructs)]
		if strings.Contains(c, "%d") {
			c = strings.ReplaceAll(c, "%d", strings.Repeat("x", i%7)+itoa(i))
		}
		b.WriteString(c)
	}
	return b.String()
}

func itoa(i int) string {
	var buf [20]byte
	n := len(buf)
	for {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(buf[n:])
		}
	}
}

// BenchmarkParse parses a generated 100 KB template with every construct.
func BenchmarkParse(b *testing.B) {
	src := generate(100 << 10)
	if _, err := Parse("bench.html", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.html", src); err != nil {
			b.Fatal(err)
		}
	}
}

// page is an ordinary page: markup, outputs with lookups and filters, a
// loop, conditions, blocks.
const page = `{% extends "base.html" %}
{% block title %}{{ page.title|title }} – {{ site.name }}{% endblock %}
{% block content %}
<article class="post">
  <h1>{{ post.title }}</h1>
  <p class="meta">By {{ post.author.name|default:"anonymous" }} on {{ post.published|date:"N j, Y" }}</p>
  {% if post.tags %}<ul class="tags">{% for tag in post.tags %}<li><a href="/tags/{{ tag.slug }}/">{{ tag.name|lower }}</a></li>{% endfor %}</ul>{% endif %}
  <div class="body">{{ post.body|safe }}</div>
  {% for comment in post.comments %}
  <div class="comment {% cycle 'odd' 'even' %}">
    <b>{{ comment.user.name }}</b> {{ comment.text|linebreaksbr }}
    {% if comment.user.is_staff %}<span>staff</span>{% endif %}
  </div>
  {% empty %}<p>No comments yet.</p>
  {% endfor %}
  {% include "share.html" with url=post.url %}
</article>
{% endblock %}
`

// BenchmarkParsePage parses an ordinary 1 KB page.
func BenchmarkParsePage(b *testing.B) {
	if _, err := Parse("page.html", page); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("page.html", page); err != nil {
			b.Fatal(err)
		}
	}
}
