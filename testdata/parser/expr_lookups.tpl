{{ a.b.0.c }}{{ user.profile.name }}{{ items.10 }}{{ dict.key.sub }}{{ a.b|length }}
