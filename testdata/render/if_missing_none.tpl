{# Django's if, for, firstof, ifchanged and regroup resolve with ignore_failures: a missing variable is None and the filters apply to None; in {{ }} they apply to "" (string_if_invalid). #}
{% if x|default_if_none:"d" == "d" %}[None]{% else %}[not None]{% endif %}{% if x|upper == "NONE" %}[str(None)]{% endif %}{% if x|length == 0 %}[length 0]{% endif %}{% if 0 %}{% elif x.y|default_if_none:"e" == "e" %}[elif]{% endif %}
[{{ x|default_if_none:"d" }}][{{ x|upper }}]
{% for c in x|default_if_none:"ab" %}{{ c }}{% endfor %}|{% firstof x|default_if_none:"first" %}|{% for i in list %}{% ifchanged x|default_if_none:i %}{{ i }}{% endifchanged %}{% endfor %}
