{{ user.name }} {{ user.tags.0 }} {{ user.tags.1 }} {{ items.1.title }} {{ matrix.1.0 }} {{ word.0 }} {{ word.4 }}
{% for k, v in prices.items %}{{ k }}={{ v }};{% endfor %} {% for k in prices %}{{ k }},{% endfor %} {% for v in prices.values %}{{ v }},{% endfor %}
{{ m.items }} {{ items|length }} {{ user.tags|length }} {{ word|length }}
