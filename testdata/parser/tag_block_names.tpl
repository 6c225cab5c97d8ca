{# Django: a block name is any word (token.contents.split()). #}
{% block nav-sidebar %}{% block a.b %}{% endblock a.b %}{% endblock nav-sidebar %}
{% block 1 %}{% endblock %}{% block "q" %}{% endblock "q" %}{%block x|y:z%}{%endblock x|y:z%}{% block 50%%}{% endblock %}
