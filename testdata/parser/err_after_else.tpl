{% if a %}a{% else %}b{% elif c %}c{% endif %}
