<form>{% csrf_token %}</form>
