{% with a=1 %}{% debug %}{% endwith %}
