		{% endif %}
