<a href="{% querystring %}">{% querystring page=page.next_page_number %}{% querystring my_dict page=3 size=None %}{% querystring as qs %}</a>
