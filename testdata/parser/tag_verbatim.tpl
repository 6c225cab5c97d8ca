{% verbatim %}{{ if dying }}Still alive.{% endif %}{% endverbatim %}{% verbatim myblock %}Avoid {% endverbatim %} here{% endverbatim myblock %}
