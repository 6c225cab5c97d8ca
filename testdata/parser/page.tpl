{% extends "base.html" %}
{% block title %}{{ page.title|title }} – {{ site.name }}{% endblock %}
{% block content %}
<article class="post">
  <h1>{{ post.title }}</h1>
  <p class="meta">By {{ post.author.name|default:"anonymous" }} on {{ post.published|date:"N j, Y" }}</p>
  {% if post.tags %}<ul class="tags">{% for tag in post.tags %}<li><a href="/tags/{{ tag.slug }}/">{{ tag.name|lower }}</a></li>{% endfor %}</ul>{% endif %}
  <div class="body">{{ post.body|safe }}</div>
  {% for comment in post.comments %}
  <div class="comment {% cycle 'odd' 'even' %}">
    <b>{{ comment.user.name }}</b> {{ comment.text|linebreaksbr }}
    {% if comment.user.is_staff %}<span>staff</span>{% endif %}
  </div>
  {% empty %}<p>No comments yet.</p>
  {% endfor %}
  {% include "share.html" with url=post.url %}
</article>
{% endblock %}
