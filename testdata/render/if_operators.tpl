{# Django: a comparison that raises TypeError in Python ("3" < "a" with a number) is false; "is" is identity, so 1 is True is false. #}{% if a and b %}1{% endif %}{% if a or c %}2{% endif %}{% if not c %}3{% endif %}{% if a and not c or c %}4{% endif %}
{% if n == 3 %}eq{% endif %} {% if n != 4 %}ne{% endif %} {% if n < 4 %}lt{% endif %} {% if n > 2 %}gt{% endif %} {% if n <= 3 %}le{% endif %} {% if n >= 3 %}ge{% endif %}
{% if "b" in list %}in{% endif %} {% if "z" not in list %}notin{% endif %} {% if "ell" in word %}sub{% endif %} {% if "k" in dict %}key{% endif %} {% if "v" in dict %}BAD{% endif %}
{% if z is None %}isnone{% endif %} {% if a is True %}istrue{% endif %} {% if n is not None %}isnotnone{% endif %} {% if 1 is True %}BAD{% endif %}
{% if (a or c) and n > 2 %}paren{% endif %} {% if a and c or n %}prec{% endif %}
{% if n == 3.0 %}numeq{% endif %} {% if "3" == n %}BAD{% endif %} {% if n < "a" %}BAD{% else %}typeerr{% endif %} {% if list == list2 %}listeq{% endif %}
{% if x %}x{% elif n == 3 %}elif{% else %}else{% endif %} {% if c %}c{% elif c %}c{% else %}else{% endif %}
{% if 0 %}BAD{% endif %}{% if "" %}BAD{% endif %}{% if empty %}BAD{% endif %}{% if emptymap %}BAD{% endif %}{% if 0.0 %}BAD{% endif %}{% if "0" %}str0{% endif %}
