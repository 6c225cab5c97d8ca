{# Django: string literals in templates are safe (inserted without escaping), also as filter arguments; escape is conditional_escape, so it never escapes twice; {{ list }} prints the Python repr, escaped. #}[{{ s }}]
[{{ s|safe }}]
[{{ "<i>literal</i>" }}]
[{{ s|escape }}][{{ s|escape|escape }}]
{% autoescape off %}[{{ s }}][{{ s|escape }}]{% endautoescape %}
[{{ safe_html|default:"<b>x</b>" }}][{{ missing|default:"<b>x</b>" }}]
[{{ n }}][{{ list }}]
