{% load nosuchlib %}
