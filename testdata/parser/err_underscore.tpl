{{ _private }}{{ obj._hidden }}
