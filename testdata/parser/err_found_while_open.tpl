{% if a %}{% for x in y %}{% endif %}
