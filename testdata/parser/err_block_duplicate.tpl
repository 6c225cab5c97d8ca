{% block a %}{% endblock %}{% block a %}{% endblock %}
