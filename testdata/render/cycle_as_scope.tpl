{# Django's cycle sets its variable with context.set_upward: in the innermost dict that has the name, else the current one, so a name first set inside {% with %} or {% for %} is gone after it. #}
{% with a=1 %}{% cycle "a" "b" as x %}{% endwith %}[{{ x }}]
{% for i in list %}{% cycle "c" "d" as y silent %}{% endfor %}[{{ y }}]
