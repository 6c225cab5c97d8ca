{% autoescape off %}{{ body }}{% autoescape on %}{{ inner }}{% endautoescape %}{% endautoescape %}
