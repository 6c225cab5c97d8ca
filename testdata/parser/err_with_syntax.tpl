{% with %}{% endwith %}{% with a= %}{% endwith %}{% with x as %}{% endwith %}
