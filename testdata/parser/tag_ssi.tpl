{% ssi "/var/www/static/header.html" %}{% ssi "footer.html" parsed %}
