{% for d in days %}{% ifchanged %}<h3>{{ d.date|date:"F" }}</h3>{% endifchanged %}{% ifchanged d.date d.hour %}{{ d.hour }}{% else %}-{% endifchanged %}{% endfor %}
