{# Django: {{ block.super }} in a template that extends nothing raises TemplateSyntaxError ('BlockNode' object has no attribute 'context'. Did you use {{ block.super }} in a base template?). #}
{% block content %}[{{ block.super }}]{% endblock %}
