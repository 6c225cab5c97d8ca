{% filter escape %}x{% endfilter %}{% filter lower|safe %}y{% endfilter %}
