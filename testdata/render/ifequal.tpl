{% ifequal a b %}eq{% else %}ne{% endifequal %} {% ifnotequal a "x" %}notx{% endifnotequal %} {% ifequal a "1" %}BAD{% endifequal %}
