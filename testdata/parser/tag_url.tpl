{% url "some-url-name" v1 v2 %}{% url 'app-view' arg1=v1 arg2=v2 %}{% url "news:detail" pk=item.pk as the_url %}{% url view_name %}
