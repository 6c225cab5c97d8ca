{% if a %}{% extends "base.html" %}{% endif %}
