{# Django: a missing variable prints string_if_invalid (""), filters apply to "" (so default works), and in if/for it is None. #}[{{ missing }}][{{ missing.attr.deeper }}][{{ missing|default:"d" }}][{{ missing|length }}]
{% if missing %}yes{% else %}no{% endif %} {% if missing == None %}none{% endif %} {% if not missing %}not{% endif %}
{% for x in missing %}{{ x }}{% empty %}empty{% endfor %}
[{{ user.missing }}][{{ list.9 }}][{{ user.name.missing }}]
