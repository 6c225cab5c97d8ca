{% comment %}{% if broken {{ and }} unclosed {% endcomment %}
{% comment "why it is off" %}old{% endcomment %}{# line comment #}
