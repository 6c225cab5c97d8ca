{% url "r" (1) %}{% url "r"(1) %}{% url "r" (a) (b + 1) as u %}{% url "r" k=f (x) %}
{% url "r" k=f(x) %}{% querystring a (b) %}{% custom "a" (x) f(y) as z %}
