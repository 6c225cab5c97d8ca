{# Django: {% cycle x %} with one argument names an earlier {% cycle … as x %}: "No named cycles in template. 'x' is not defined". #}
{% for i in list %}{% cycle "a" "b" %}{% cycle x %}{% endfor %}
