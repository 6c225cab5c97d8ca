{% block a b %}{% endblock %}{% block nav-x %}{% endblock nav-y %}{% block-x %}{% endblock %}
