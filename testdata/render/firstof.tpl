{# Django: firstof escapes the value it prints (render_value_in_context), and "as" stores the escaped text. #}{% firstof a b c %}|{% firstof a b "fallback" %}|{% firstof html "x" %}|{% firstof a missing %}|{% firstof b c as v %}[{{ v }}]
{% autoescape off %}{% firstof html %}{% endautoescape %}
