before
{% include "_nope.html" %}
