{% with total=business.employees.count %}{{ total }}{% endwith %}{% with alpha=1 beta=2 %}{{ alpha }}{{ beta }}{% endwith %}{% with business.employees.count as total %}{{ total }}{% endwith %}
