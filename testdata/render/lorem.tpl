{# Django: lorem without random starts with the classic text; w counts words, p wraps paragraphs in <p>. #}{% lorem %}
--
{% lorem 4 w %}
--
{% lorem 1 p %}
--
{% lorem 19 w %}
--
{% lorem 0 w %}|
