{% widthratio 1 2 "x" %}
