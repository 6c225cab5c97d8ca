{# Python unpacks a string of two characters into two names (Django's for: len(item) values, zip). #}
{% for x, y in pairs %}{{ x }}-{{ y }};{% endfor %}
{% for a, b, c in words %}[{{ a }} {{ b }} {{ c }}]{% endfor %}
