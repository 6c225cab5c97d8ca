{% querystring "color"="red" %}{{ card("T", body="B") }}
