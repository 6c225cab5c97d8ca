{% if a && b || !c %}{% endif %}{% if a + b * 2 > c %}{% endif %}{% if fn(x) %}{% endif %}{% if m["k"] %}{% endif %}
