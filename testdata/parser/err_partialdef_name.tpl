{% partialdef card %}x{% endpartialdef other %}
