{% block content %}x{% endblock sidebar %}
