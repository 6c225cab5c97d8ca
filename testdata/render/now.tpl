{% now "Y" as year %}{% if year|length == 4 %}four-digit year{% endif %} {% now "\\Y\\e\\s" %}
