{# Django raises TypeError for a non-iterable; pongo2 renders nothing; braid reports the position. #}ok
{% for x in n %}{{ x }}{% endfor %}
