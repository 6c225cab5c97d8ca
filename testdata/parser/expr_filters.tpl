{{ x|default:"n/a"|upper }}{{ value|add:"-2"|add:-3 }}{{ v|date:"D d M Y" }}{{ v|floatformat }}{{ v|floatformat:2 }}{{ l|join:", " }}{{ x|default:y.z }}{{ x|yesno:_("yes,no") }}
