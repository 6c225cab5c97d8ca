{% load humanize %}{% load static i18n %}{% load foo bar from somelibrary %}
