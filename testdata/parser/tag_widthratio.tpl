<img src="bar.png" width="{% widthratio this_value max_value max_width %}">{% widthratio a 100 50 as w %}{% widthratio 175 200 100 %}
