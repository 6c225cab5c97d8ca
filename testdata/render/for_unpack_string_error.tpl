{# Django: "Need 2 values to unpack in for loop; got 3." #}
{% for x, y in pairs %}{{ x }}{% endfor %}
