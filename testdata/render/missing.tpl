[{{ missing }}][{{ missing.attr.deeper }}][{{ missing|default:"d" }}][{{ missing|length }}]
{% if missing %}yes{% else %}no{% endif %} {% if missing == None %}none{% endif %} {% if not missing %}not{% endif %}
{% for x in missing %}{{ x }}{% empty %}empty{% endfor %}
[{{ user.missing }}][{{ list.9 }}][{{ user.name.missing }}]
