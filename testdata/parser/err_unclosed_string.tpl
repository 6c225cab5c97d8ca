{{ "abc }}
{% if x == 'y %}{% endif %}
