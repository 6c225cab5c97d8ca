{% extends parent %}{% block title %}dynamic{% endblock %}
