{% partialdef user-info %}<p>{{ user.name }}</p>{% endpartialdef %}{% partialdef card inline %}<div>{{ c }}</div>{% endpartialdef card %}{% partial user-info %}
