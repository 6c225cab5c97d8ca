{% for x in y %}{% elif z %}{% endfor %}
