{% extends "_mid.html" %}{% block inner %}grandchild inner, super: {{ block.super }}{% endblock %}{% block content %}gc[{{ block.super }}]{% endblock %}
