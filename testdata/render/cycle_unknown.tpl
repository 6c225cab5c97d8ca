{# Django: with named cycles, an unknown name is "Named cycle 'x' does not exist". #}
{% cycle "a" "b" as row %}{% cycle x %}
