ok
{% for x in n %}{{ x }}{% endfor %}
