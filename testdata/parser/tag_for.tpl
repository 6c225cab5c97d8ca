<ul>
{% for athlete in athlete_list %}
  <li>{{ forloop.counter }}: {{ athlete.name }}</li>
{% empty %}
  <li>Sorry, no athletes in this list.</li>
{% endfor %}
</ul>
