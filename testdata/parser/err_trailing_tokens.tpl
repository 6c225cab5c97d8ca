{% include "a.html" garbage %}{% now "Y" as %}{% url %}
