{# Django's Variable: a run of word characters and dots that starts with a digit is a number only if float()/int() reads all of it and it does not end in "."; otherwise it is a variable and its lookups. #}
{{ 1.2.3 }}{{ 2. }}{{ 2.foo }}{{ 1abc }}{{ 1..2 }}{{ .2 }}{{ 1.e5 }}{{ 1E3 }}{{ 1_000 }}{{ 1_0.5 }}
{{ x|add:.5 }}{{ x|add:-1.2.3 }}{{ x[.5] }}{{ a.0.1 }}{{ (0).5 }}{% cycle a .2 %}{% if 1.2.3 == .5 %}{% endif %}
