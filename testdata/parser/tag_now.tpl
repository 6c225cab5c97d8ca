It is {% now "jS F Y H:i" %}{% now "Y" as current_year %}{{ current_year }}{% now 'SHORT_DATE_FORMAT' %}
