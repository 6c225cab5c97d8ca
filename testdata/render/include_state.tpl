{# Django renders an included template with its own render context: its cycles, and its ifchanged outside loops, start afresh; inside a loop ifchanged keeps its memory on the forloop (so across includes), unless "only" hides the forloop. #}
{% include "_ifchanged.html" %}{% include "_ifchanged.html" %}|{% for i in list %}{% include "_ifchanged.html" %}{% endfor %}|{% for i in list %}{% include "_ifchanged.html" only %}{% endfor %}
{% include "_cycle.html" %}{% include "_cycle.html" %}|{% for i in list %}{% include "_cycle.html" %}{% endfor %}|{% for i in list %}{% cycle "x" "y" %}{% endfor %}
