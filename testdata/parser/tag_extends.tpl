{% extends "base.html" %}
{% block title %}Page{% endblock %}
