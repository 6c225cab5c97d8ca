{% else %}{% empty %}{% elif x %}
