{% with total=items|length name="x" %}{{ total }} {{ name }}{% endwith %}[{{ total }}]
{% with items.0 as first %}{{ first }}{% endwith %} {% with a=1 %}{% with a=2 %}{{ a }}{% endwith %}{{ a }}{% endwith %}
