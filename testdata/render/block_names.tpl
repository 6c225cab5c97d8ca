{# Django: a block's name is any word (token.contents.split()). #}
{% extends "_block_names.html" %}{% block nav-sidebar %}child nav, super {{ block.super }}{% endblock nav-sidebar %}{% block a.b %}child a.b{% endblock a.b %}
