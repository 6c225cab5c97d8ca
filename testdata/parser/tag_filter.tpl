{% filter force_escape|lower %}This text will be HTML-escaped, and will appear in all lowercase.{% endfilter %}
{% filter truncatewords:"3"|upper %}a b c d e{% endfilter %}
