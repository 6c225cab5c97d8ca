{# Django, not pongo2: truncatechars keeps n-1 characters and adds "…" (pongo2: n-3 and "..."); add tries int() first, so 2.5|add:1 is 3; join escapes each item and a non-literal separator. #}{{ s|upper }} {{ s|lower }} {{ s|capfirst }} {{ s|title }} {{ html|striptags }} {{ s|truncatechars:5 }} {{ s|length }}
{{ list|join:", " }} {{ html_list|join:" & " }} {{ list|first }} {{ list|last }} {{ empty|first }}
{{ 4|add:"2" }} {{ "4"|add:2 }} {{ "a"|add:"b" }} {{ 2.5|add:1 }} {{ list|add:list }} {{ "x"|add:1 }}
{{ z|default:"d" }} {{ z|default_if_none:"dn" }} {{ ""|default_if_none:"dn" }}[{{ missing|default_if_none:"dn" }}]
{{ html|safe }} {{ html|escape }} {{ html|upper }} {{ html|lower }}
{% autoescape off %}{{ html_list|join:" & " }}{% endautoescape %}
