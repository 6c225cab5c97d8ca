{# Django: TemplateDoesNotExist naming every template of the list. #}
{% include names %}
