{% if a %}A{% elif b %}B{% elif c %}C{% else %}D{% endif %}
