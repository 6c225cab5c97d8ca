ok
{% partial nope %}
