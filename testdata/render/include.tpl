<ul>{% for item in items %}{% include "_item.html" %}{% endfor %}</ul>
{% include "_item.html" with item="given" extra="x" %}
{% include "_item.html" with extra="only" only %}
{% include name %}|{% include "_nope.html" if_exists %}|
