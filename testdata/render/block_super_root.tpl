{# Django: in an inheritance chain, block.super of the root's own block is "" (no error): [a:] #}
{% extends "_super_root.html" %}{% block b %}[child b, super {{ block.super }}]{% endblock %}
