{% if %}{% endif %}{% elif %}
