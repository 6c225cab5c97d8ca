{% lorem %}{% lorem 3 p %}{% lorem 10 w random %}{% lorem 2 b %}{% lorem count w %}
