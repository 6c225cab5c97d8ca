{% csrf_token x %}{% spaceless now %}{% endspaceless %}{% debug 1 %}
