{% templatetag openparen %}
