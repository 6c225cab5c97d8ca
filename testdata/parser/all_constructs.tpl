<h1>{{ title|default:"Untitled"|title }}</h1>
{% for post in posts reversed %}<li class="{% cycle 'odd' 'even' %}">{{ forloop.counter }}. {{ post.title|truncatechars:30 }}</li>{% empty %}<li>none</li>{% endfor %}
{% if user.is_authenticated and not user.banned or perms.admin %}hi {{ user.name }}{% elif x > -1 %}x{% else %}anon{% endif %}
{% with total=items|length %}{{ total }} item{{ total|pluralize }}{% endwith %}
{% include "sidebar.html" with section="news" only %}
{% block sidebar_xxxxx5 %}{{ block.super }}{% endblock %}
{# a comment #}{% comment "note" %}{% if broken {% endcomment %}
{% verbatim %}{{ raw }}{% endverbatim %}
{{ a + b * (c - 2) ^ 2 }} {{ fn(a, "b")[0].name }} {{ _("Hello") }} {{ -1|abs }}
{% ifchanged post.date %}{{ post.date|date:"D d M Y" }}{% endifchanged %}
{% firstof a b "fallback" as x %}{% now "Y-m-d" %}{% widthratio v 100 50 %}
{% url "post-detail" post.id slug=post.slug as the_url %}{% csrf_token %}
{% regroup cities|dictsort:"country" by country as country_list %}{% lorem 2 w random %}
{% autoescape off %}{{ body|safe }}{% endautoescape %}{% spaceless %}<p> <a>x</a> </p>{% endspaceless %}
{% filter force_escape|lower %}TEXT{% endfilter %}{% templatetag openblock %}
{% set x = a * 2 %}{% macro m(a, b=1) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}
{% ifequal a b %}eq{% else %}ne{% endifequal %}{% load humanize static %}
{% partialdef card_xxx17 %}<div>{{ card }}</div>{% endpartialdef %}{% querystring page=2 %}
Plain text line with no tags at all, just words and <b>markup</b> to copy.
<h1>{{ title|default:"Untitled"|title }}</h1>
{% for post in posts reversed %}<li class="{% cycle 'odd' 'even' %}">{{ forloop.counter }}. {{ post.title|truncatechars:30 }}</li>{% empty %}<li>none</li>{% endfor %}
{% if user.is_authenticated and not user.banned or perms.admin %}hi {{ user.name }}{% elif x > -1 %}x{% else %}anon{% endif %}
{% with total=items|length %}{{ total }} item{{ total|pluralize }}{% endwith %}
{% include "sidebar.html" with section="news" only %}
