{% for x in list %}{{ forloop.counter }}/{{ forloop.counter0 }}/{{ forloop.revcounter }}/{{ forloop.revcounter0 }}/{{ forloop.first }}/{{ forloop.last }}:{{ x }} {% endfor %}
{% for x in list reversed %}{{ forloop.counter }}{{ x }}{% endfor %} {% for x in unsorted sorted %}{{ x }}{% endfor %} {% for x in unsorted reversed sorted %}{{ x }}{% endfor %}
{% for row in matrix %}{% for c in row %}{{ forloop.parentloop.counter }}.{{ forloop.counter }}={{ c }} {% endfor %}{% endfor %}
{% for a, b in pairs %}{{ a }}-{{ b }} {% endfor %}{% for ch in "abc" %}{{ ch }}.{% endfor %}
{% for x in empty %}BAD{% empty %}empty{% endfor %} {% for x in list %}{{ forloop.Counter }}{{ forloop.First }}{% endfor %}
{% for x in list %}{% if forloop.first %}[{% endif %}{{ x }}{% if not forloop.last %}, {% else %}]{% endif %}{% endfor %}
{{ x|default:"loop var gone" }}
