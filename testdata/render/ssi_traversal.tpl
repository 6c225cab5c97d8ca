{% ssi "../etc/passwd" %}
