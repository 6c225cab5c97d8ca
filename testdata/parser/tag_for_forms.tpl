{% for x in items reversed %}{{ x }}{% endfor %}{% for k, v in data.items %}{{ k }}={{ v }}{% endfor %}{% for a,b , c in triples %}{% endfor %}
{% for x in items sorted %}{% endfor %}{% for x in items reversed sorted %}{% endfor %}{% for x in 1|make_list %}{{ forloop.parentloop.counter0 }}{% endfor %}
