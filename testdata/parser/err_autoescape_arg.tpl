{% autoescape maybe %}{% endautoescape %}{% autoescape %}{% endautoescape %}
