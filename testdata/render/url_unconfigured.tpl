{% url "home" %}
