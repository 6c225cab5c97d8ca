before
{{ 1 / zero }}
