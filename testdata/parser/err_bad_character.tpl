{{ a @ b }}{% if x $ y %}{% endif %}
