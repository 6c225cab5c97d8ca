{# Django 5.1+: querystring starts from request.GET, keyword arguments set keys, None removes one, lists repeat it; the output is escaped (& as &amp;). #}<a href="{% querystring %}">{% querystring page=2 %}</a>
{% querystring color=None %} {% querystring size=sizes %} {% querystring extra %} {% querystring extra page=None q="a b&c" %} {% querystring page=3 as qs %}[{{ qs }}]
