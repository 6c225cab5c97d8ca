{# Django: {% cycle name %} is the named cycle node itself, so it is silent when that one is silent. #}{% for x in list %}{% cycle "odd" "even" %} {% endfor %}
{% for x in list %}<tr class="{% cycle 'r1' 'r2' as rowcolors %}">{{ rowcolors }}</tr>{% endfor %}
{% cycle "a" "b" "c" as abc silent %}[{{ abc }}]{% cycle abc %}[{{ abc }}]{% cycle abc %}
{% for x in list %}{% cycle "1" "2" "3" %}{% if forloop.counter == 2 %}{% resetcycle %}{% endif %}{% endfor %}
{% for x in list %}{% cycle v1 v2 %}{% endfor %}
