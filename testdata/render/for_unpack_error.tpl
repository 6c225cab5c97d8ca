{% for a, b in list %}{{ a }}{% endfor %}
