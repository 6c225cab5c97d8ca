{% for d in days %}{% ifchanged %}<h3>{{ d.month }}</h3>{% endifchanged %}{{ d.day }} {% endfor %}
{% for d in days %}{% ifchanged d.month %}[{{ d.month }}]{% else %}-{% endifchanged %}{% endfor %}
{% for o in outer %}{% for i in inner %}{% ifchanged i %}{{ i }}{% endifchanged %}{% endfor %};{% endfor %}
