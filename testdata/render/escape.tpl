[{{ s }}]
[{{ s|safe }}]
[{{ "<i>literal</i>" }}]
[{{ s|escape }}][{{ s|escape|escape }}]
{% autoescape off %}[{{ s }}][{{ s|escape }}]{% endautoescape %}
[{{ safe_html|default:"<b>x</b>" }}][{{ missing|default:"<b>x</b>" }}]
[{{ n }}][{{ list }}]
