{% extends "_base.html" %}
ignored text outside blocks
{% block title %}Child title{% endblock %}
{% block content %}child content; parent said: {{ block.super }}{% endblock %}
