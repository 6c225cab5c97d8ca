#!/usr/bin/python3
"""Renders every case of cases.json with Django and writes django.json, the
outputs escape_test.go compares braid's with.

    DJANGO_SRC=/tmp/djsrc/Django-3.2.25 /usr/bin/python3 testdata/escape/render_django.py

DJANGO_SRC names an unpacked Django source tree (Django 3.2.25 as
released made django.json); without it, the installed Django is used
(Debian's python3-django 3.2.25 carries later security fixes: its
wordwrap, as Django 4.2.20's, drops blank lines). Each output is rendered with the
payload as a str and marked safe (mark_safe), with autoescape on and off
(Context(autoescape=...), as the engine's option sets it). A case with a
"django" template is a braid construct Django lacks: its equivalent is
rendered instead.
"""
import json
import os
import sys

if os.environ.get("DJANGO_SRC"):
    sys.path.insert(0, os.environ["DJANGO_SRC"])

import django
from django.conf import settings

settings.configure(USE_I18N=False, USE_TZ=False)
django.setup()

from django.template import Context, Engine, Library
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "cases.json"), encoding="utf-8") as f:
    spec = json.load(f)

# The custom tags and filter escape_test.go gives braid (WithTag, WithFilter).
register = Library()


@register.simple_tag
def echo(v):
    return v


@register.inclusion_tag("show.html")
def show(v):
    return {"x": v}


@register.filter
def shout(v):
    return str(v).upper()


# For Django's side only: what {% macro m(a) %}<i>{{ a }}</i>{% endmacro %}
# returns, a safe string of the body rendered with a bound.
@register.simple_tag(takes_context=True)
def italic(context, v):
    return mark_safe("<i>%s</i>" % (conditional_escape(v) if context.autoescape else v))


engine = Engine(loaders=[("django.template.loaders.locmem.Loader", spec["files"])])
engine.template_builtins.append(register)

results = []
for case in spec["cases"]:
    src = case.get("django", case["template"])
    tpl = engine.from_string(src)
    for i, payload in enumerate(spec["payloads"]):
        for safe in (False, True):
            v = mark_safe(payload) if safe else payload
            for autoescape in (True, False):
                ctx = Context({"v": v, "l": [v, [v, "<x>"]], "m": {"k": v}}, autoescape=autoescape)
                try:
                    out = tpl.render(ctx)
                except Exception as e:  # Django's error, which braid must give too
                    out = "error: %s" % type(e).__name__
                results.append({"case": case["name"], "payload": i, "safe": safe, "autoescape": autoescape, "out": out})

with open(os.path.join(here, "django.json"), "w", encoding="utf-8") as f:
    f.write('{"django": "%s", "results": [\n' % django.get_version())
    f.write(",\n".join(json.dumps(r, ensure_ascii=False) for r in results))
    f.write("\n]}\n")
print("%d outputs of Django %s" % (len(results), django.get_version()))
