{# Django's Variable: a run of word characters and dots is a number only when float() (with "." or "e") or int() reads all of it and it does not end in "."; otherwise it is a variable and its lookups: 1.2.3 is "1", then .2, then .3 (missing here; found as 4.5.6 in the data). #}
[{{ 1.2.3 }}][{{ 2. }}][{{ 2.x }}][{{ 1abc }}][{{ 4.5.6 }}][{{ 4.5.7|default:"missing" }}]
[{{ .2 }}][{{ .5|floatformat:2 }}][{{ 1.e5 }}][{{ 1E3 }}][{{ 1_000 }}][{{ 1_0.5 }}][{{ x|add:.5 }}]
{% if 1.2.3 is None %}[1.2.3 is None]{% endif %}{% if .2 == 0.2 %}[.2 == 0.2]{% endif %}
