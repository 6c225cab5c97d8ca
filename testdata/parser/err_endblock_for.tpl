<ul>
{% block list %}
<li>
{% for item in items %}
{{ item }}

{% endblock %}
