{% for x items %}{% endfor %}{% for in items %}{% endfor %}{% for x in %}{% endfor %}
