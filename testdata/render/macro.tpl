{% macro greet(who, punct="!") %}Hello, {{ who }}{{ punct }}{% endmacro %}{{ greet("Ann") }} {{ greet(name, "?") }} {{ greet("<b>") }}
{% import "_macros.html" card, card as c2 %}{{ card("T") }} {{ c2("T2", "B2") }}
