{% spaceless %}
  <p>
    <a href="foo/">Foo</a>
  </p>
{% endspaceless %}
{% templatetag openblock %} {% templatetag closeblock %} {% templatetag openvariable %} {% templatetag closevariable %} {% templatetag openbrace %}{% templatetag closebrace %} {% templatetag opencomment %} {% templatetag closecomment %}
{% verbatim %}{{ not rendered }}{% if %}{% endverbatim %}
A{# comment #}B{% comment "note" %}{{ hidden }}{% endcomment %}C
{% filter lower|capfirst %}HELLO <b>{{ name }}</b>{% endfilter %}
