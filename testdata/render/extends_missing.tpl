{% extends "_nope.html" %}
