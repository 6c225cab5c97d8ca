{% ifequal user.id comment.user_id %}yours{% else %}theirs{% endifequal %}{% ifnotequal a "b" %}ne{% endifnotequal %}
