{% for r in rows %}<tr class="{% cycle 'odd' "even" r.cls %}">{% endfor %}
{% cycle 'a' 'b' as ab %}{% cycle ab %}{% cycle 'x' 'y' as xy silent %}{% resetcycle %}{% resetcycle xy %}
