{% block content %}base {{ block.super }}{% block inner %}x{% endblock inner %}{% endblock content %}
{% block footer %}{% endblock %}
