{% set greeting = "Hello, " + name %}{{ greeting }}! {% set n = items|length %}{{ n }}
{% for x in items %}{% set last = x %}{% endfor %}[{{ last }}]
