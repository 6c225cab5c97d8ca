#!/usr/bin/env python3
"""Prints, as JSON, the template tag libraries installed Django applications
define: {library name: {"tags": [...], "filters": [...]}}, read from the
libraries themselves (Django's own get_installed_libraries). main.go stubs
them so that the templates that load them can be compiled.

    libs.py app.module ... > libs.json
"""
import importlib
import json
import sys

import django
from django.conf import settings

apps = ['django.contrib.admin', 'django.contrib.admindocs', 'django.contrib.auth',
        'django.contrib.contenttypes', 'django.contrib.sessions', 'django.contrib.messages',
        'django.contrib.sites', 'django.contrib.flatpages', 'django.contrib.humanize',
        'django.contrib.staticfiles'] + sys.argv[1:]
settings.configure(INSTALLED_APPS=apps, SITE_ID=1, SECRET_KEY='libs.py',
                   TEMPLATES=[{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True}])
django.setup()
from django.template.backends.django import get_installed_libraries  # noqa: E402

out = {}
for name, module in sorted(get_installed_libraries().items()):
    try:
        lib = importlib.import_module(module).register
    except Exception as e:  # a library that needs what is not installed
        print('%s: %s' % (module, e), file=sys.stderr)
        continue
    out[name] = {'module': module, 'tags': sorted(lib.tags), 'filters': sorted(lib.filters)}
json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()
