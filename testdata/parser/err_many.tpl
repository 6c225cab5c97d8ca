{% if %}
{{ a| }}
{% endfor %}
{{ "x }}
{% block %}{% endblock %}
