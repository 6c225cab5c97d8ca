{% load static %}ok
{% nosuchtag a b %}
