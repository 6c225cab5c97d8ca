{% import "_macros.html" hidden %}
