{% for row in rows %}{% for cell in row %}{% if cell %}{% with v=cell.value %}{{ v }}{% endwith %}{% endif %}{% endfor %}{% endfor %}
