{% for x in list %}
{% endif %}
