{% macro card(title, body="", footer=None) export %}<div>{{ title }}{{ body }}</div>{% endmacro %}{% macro plain() %}x{% endmacro %}{{ card("T", "B") }}{{ plain() }}
