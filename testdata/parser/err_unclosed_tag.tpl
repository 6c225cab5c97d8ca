Hello {% if x
