{% if a and b or not c %}{% endif %}{% if a in list and b not in list %}{% endif %}{% if x is None or y is not True %}{% endif %}
{% if a == 1 and b != "x" and c < 2 and d > 3 and e <= 4.5 and f >= -6 %}{% endif %}{% if not not a %}{% endif %}{% if (a or b) and c %}{% endif %}
