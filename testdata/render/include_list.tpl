{# Django's include takes a list of names too: the first that exists (select_template). #}
{% include names %}|{% include names with item="given" %}|{% include names_none if_exists %}|
