<html>{% load x %}{% extends "base.html" %}{% extends "other.html" %}
