{% extends parent|default:"base.html" %}{% block a %}{% endblock %}
