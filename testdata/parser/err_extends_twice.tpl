{% extends "a.html" %}{% extends "b.html" %}
