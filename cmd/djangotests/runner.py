#!/usr/bin/env python3
"""Runs Django's own template tests against braid.

Django's template tests (tests/template_tests/syntax_tests and
filter_tests, the i18n ones included) build their engine in one decorator,
template_tests.utils.setup. This script replaces that decorator before the
test modules are imported: the engine it gives the tests sends each
template, with its context, to the Go program beside this file, which
renders it with braid and answers. The tests' own assertions then run
unchanged. Tests that never ask the engine (they call Django's filter
functions in Python) are not counted.

    runner.py --django DIR --server BIN [--out FILE] [--all-configs] [--sequential]

DIR is Django's source tree (the one `apt-get source python-django`
unpacks). The result file lists every counted test with its outcome.
"""

import argparse
import collections
import datetime
import decimal
import functools
import inspect
import io
import json
import os
import subprocess
import sys
import traceback
import unittest

ap = argparse.ArgumentParser()
ap.add_argument('--django', required=True)
ap.add_argument('--server', required=True)
ap.add_argument('--out')
ap.add_argument('--all-configs', action='store_true',
                help="also run each test with string_if_invalid='INVALID', as Django's setup does")
ap.add_argument('--sequential', action='store_true', help='render with braid.WithSequential')
ap.add_argument('-k', dest='pattern', help='only tests whose id contains this')
ap.add_argument('-v', dest='verbose', action='store_true', help='print each failure')
ap.add_argument('--expect', help='a result file: exit 1 if a test that passes there does not pass now')
opts = ap.parse_args()
opts.out = opts.out and os.path.abspath(opts.out)
opts.expect = opts.expect and os.path.abspath(opts.expect)

tests_dir = os.path.join(os.path.abspath(opts.django), 'tests')
sys.path[:0] = [tests_dir, os.path.abspath(opts.django)]
os.chdir(tests_dir)
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'test_sqlite')

import runtests  # noqa: E402  Django's own test set-up (settings, apps)

runtests.setup(0, ['template_tests'], 1, None, None)

from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.functional import Promise  # noqa: E402
from django.utils.safestring import SafeData  # noqa: E402

import template_tests.utils as django_utils  # noqa: E402


class Server:
    """The Go program, over its stdin and stdout."""

    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding='utf-8', bufsize=1)
        self.exceptions = {}

    def keep(self, exc):
        n = len(self.exceptions) + 1
        self.exceptions[n] = exc
        return n

    def send(self, obj):
        self.proc.stdin.write(json.dumps(obj) + '\n')
        self.proc.stdin.flush()

    def ask(self, req):
        self.send(req)
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError('the braid server exited')
            msg = json.loads(line)
            if msg.get('callback'):
                self.send(self.callback(msg))
                continue
            return msg

    def callback(self, msg):
        try:
            if msg['callback'] == 'reverse':
                return {'result': reverse(msg['name'], args=msg.get('args') or None,
                                          kwargs=msg.get('kwargs') or None)}
            if msg['callback'] == 'gettext':
                with translation.override(msg.get('lang') or None, deactivate=True):
                    ctx, msgid, plural, n = msg.get('msgctx', ''), msg['msgid'], msg.get('plural'), msg.get('n', 0)
                    if plural:
                        r = translation.npgettext(ctx, msgid, plural, n) if ctx else translation.ngettext(msgid, plural, n)
                    else:
                        r = translation.pgettext(ctx, msgid) if ctx else translation.gettext(msgid)
                return {'result': str(r)}
        except Exception as e:  # raised again if the render fails with it
            return {'error': repr(e), 'exc': self.keep(e)}
        return {'error': 'unknown callback %r' % msg['callback']}


server = Server(opts.server)
from django.conf import settings  # noqa: E402


def language_info(code, name):
    try:
        info = translation.get_language_info(code)
        return [code, str(name), info['name_local'], info['bidi']]
    except KeyError:
        return [code, str(name), str(name), False]


server.ask({'op': 'init', 'languages': [language_info(c, n) for c, n in settings.LANGUAGES],
            'time_zone': settings.TIME_ZONE})


def encode(v, depth=0, seen=()):
    """Python data as the Go program reads it (values.go)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, SafeData):
        return {'$safe': str(v)}
    if isinstance(v, str):
        return str(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        if v != v:
            return {'$float': 'nan'}
        if v in (float('inf'), float('-inf')):
            return {'$float': 'inf' if v > 0 else '-inf'}
        return v
    if isinstance(v, decimal.Decimal):
        return {'$decimal': str(v)}
    if isinstance(v, datetime.datetime):
        # Go has no naive time: a naive datetime is wall time in TIME_ZONE
        # (Django sets the process's zone to it).
        off = v.utcoffset()
        return {'$datetime': v.replace(tzinfo=None).isoformat(timespec='microseconds'),
                '$tz': None if off is None else int(off.total_seconds()),
                '$tzname': v.tzname() or ''}
    if isinstance(v, datetime.date):
        return {'$date': v.isoformat()}
    if isinstance(v, datetime.time):
        off = v.utcoffset()
        return {'$time': v.replace(tzinfo=None).isoformat(timespec='microseconds'),
                '$tz': None if off is None else int(off.total_seconds()), '$tzname': v.tzname() or ''}
    if isinstance(v, Promise):
        return str(v)
    if id(v) in seen or depth > 8:
        return None
    seen = seen + (id(v),)
    if isinstance(v, dict):
        pairs = [[encode(k, depth + 1, seen), encode(x, depth + 1, seen)] for k, x in v.items()]
        return {'$dict': [p for p in pairs if p[1] is not OMIT]}
    if isinstance(v, (list, tuple, set, frozenset, range)) or hasattr(v, '__next__'):
        return [None if x is OMIT else x for x in (encode(e, depth + 1, seen) for e in v)]
    if callable(v) and not getattr(v, 'do_not_call_in_templates', False):
        return call(v, depth, seen)
    return encode_object(v, depth, seen)


OMIT = object()  # a value Django treats as missing (string_if_invalid)


def call(fn, depth, seen):
    """A callable as Django's Variable calls it: with no arguments. A
    callable that needs arguments, or raises an exception marked
    silent_variable_failure, is missing."""
    if getattr(fn, 'alters_data', False):
        return OMIT
    try:
        inspect.signature(fn).bind()
    except TypeError:
        return OMIT
    except ValueError:
        pass  # no signature (a builtin): call it
    try:
        r = fn()
    except Exception as e:
        if getattr(e, 'silent_variable_failure', False):
            return OMIT
        return {'$raise': server.keep(e), '$msg': repr(e)}
    return encode(r, depth + 1, seen)


def encode_object(v, depth, seen):
    attrs = []
    for name in dir(v):
        if name.startswith('_'):
            continue
        try:
            a = getattr(v, name)
        except Exception as e:
            if not getattr(e, 'silent_variable_failure', False):
                attrs.append([name, {'$raise': server.keep(e), '$msg': repr(e)}])
            continue
        x = call(a, depth, seen) if callable(a) and not getattr(
            a, 'do_not_call_in_templates', False) else encode(a, depth + 1, seen)
        if x is not OMIT:
            attrs.append([name, x])
    try:
        s = str(v)
    except Exception:
        s = ''
    if isinstance(s, SafeData) and not attrs:
        return {'$safe': s}
    return {'$obj': attrs, '$str': s}


class BraidTemplate:
    def __init__(self, engine, name=None, source=None):
        self.engine, self.name, self.source = engine, name, source

    def render(self, context=None, request=None):
        autoescape = None
        if isinstance(context, Context):
            autoescape = context.autoescape
            context = context.flatten()
        return self.engine.run('render', self.name, self.source, context or {}, autoescape)


class BraidEngine:
    """What the tests use of django.template.Engine, rendering with braid."""

    debug = False

    def __init__(self, templates, libraries, string_if_invalid=''):
        self.templates = templates
        self.libraries = sorted(libraries.items())
        self.string_if_invalid = string_if_invalid

    def run(self, op, name, source, context, autoescape=None):
        req = {'op': op, 'templates': self.templates, 'name': name, 'libraries': self.libraries,
               'invalid': self.string_if_invalid, 'lang': translation.get_language() or '',
               'sequential': opts.sequential}
        if source is not None:
            req['source'] = source
        if autoescape is not None:
            req['autoescape'] = autoescape
        req['static_url'], req['media_url'] = settings.STATIC_URL or '', settings.MEDIA_URL or ''
        if op == 'render':
            req['context'] = encode(dict(context))
        a = server.ask(req)
        if a.get('ok'):
            return a.get('output', '')
        kind, message = a.get('kind'), a.get('message', '')
        if kind == 'python':
            raise server.exceptions[a['n']]
        if kind == 'notfound':
            raise TemplateDoesNotExist(message)
        if kind == 'syntax':
            raise TemplateSyntaxError(message)
        raise BraidRenderError(message)

    def get_template(self, name):
        self.run('compile', name, None, None)
        return BraidTemplate(self, name=name)

    def from_string(self, source):
        self.run('compile', None, source, None)
        return BraidTemplate(self, source=source)

    def render_to_string(self, name, context=None):
        return self.run('render', name, None, context or {})


class BraidRenderError(Exception):
    """A render error braid reported that maps to no Python exception."""


def braid_setup(templates, *args, test_once=False):
    """template_tests.utils.setup, with braid's engine."""
    for arg in args:
        templates.update(arg)
    templates['inclusion.html'] = '{{ result }}'

    def decorator(func):
        @functools.wraps(func)
        def inner(self, *a, **kw):
            self._braid = True
            libraries = getattr(self, 'libraries', {})
            self.engine = BraidEngine(templates, libraries)
            func(self, *a, **kw)
            if opts.all_configs and not test_once:
                self.engine = BraidEngine(templates, libraries, string_if_invalid='INVALID')
                func(self, *a, **kw)
        return inner
    return decorator


django_utils.setup = braid_setup


class Result(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcomes = collections.OrderedDict()

    def record(self, test, outcome, detail=''):
        if getattr(test, '_braid', False):
            self.outcomes[test.id()] = (outcome, detail)

    def addSuccess(self, test):
        self.record(test, 'pass')

    def addFailure(self, test, err):
        text = ''.join(traceback.format_exception_only(err[0], err[1])).strip()
        # assertRaisesMessage: the right exception, Django's wording expected.
        outcome = 'fail-message' if (' not found in ' in text and 'assertRaisesMessage' in
                                     ''.join(traceback.format_tb(err[2]))) else 'fail'
        self.record(test, outcome, text)

    def addError(self, test, err):
        # A render error where Django raises a Python exception of its own
        # (TemplateSyntaxError at render time, ValueError, ...) is counted
        # apart: the template failed in both, only the exception type differs.
        outcome = 'error-render' if err[0] is BraidRenderError else 'error'
        self.record(test, outcome, ''.join(traceback.format_exception_only(err[0], err[1])).strip())

    def addSkip(self, test, reason):
        self.record(test, 'skip', reason)

    def addExpectedFailure(self, test, err):
        self.record(test, 'pass')

    def addUnexpectedSuccess(self, test):
        self.record(test, 'fail', 'unexpected success')


def iter_tests(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from iter_tests(t)
        else:
            yield t


loader = unittest.TestLoader()
suite = unittest.TestSuite()
for sub in ('syntax_tests', 'filter_tests'):
    suite.addTests(loader.discover(os.path.join(tests_dir, 'template_tests', sub), top_level_dir=tests_dir))
tests = [t for t in iter_tests(suite) if (not opts.pattern or opts.pattern in t.id())
         # test_setup checks Django's decorator itself, not templates.
         and '.test_setup.' not in t.id()]
result = Result()
unittest.TestSuite(tests).run(result)  # a suite runs setUpClass (class-level override_settings)

counts = collections.Counter(o for o, _ in result.outcomes.values())
by_module = collections.defaultdict(collections.Counter)
for tid, (o, _) in result.outcomes.items():
    by_module[tid.split('.')[2] if tid.count('.') > 3 else tid.split('.')[1]][o] += 1
lines = []
total = sum(counts.values())
lines.append('# Django %s template tests against braid (%s, %s)' % (
    __import__('django').get_version(),
    'every configuration' if opts.all_configs else 'default options',
    'sequential' if opts.sequential else 'concurrent'))
lines.append('# counted: %d; pass %d; fail %d (of which only the error message differs: %d); '
             'error %d (of which a braid render error where Django raises another exception: %d); skip %d' % (
                 total, counts['pass'], counts['fail'] + counts['fail-message'], counts['fail-message'],
                 counts['error'] + counts['error-render'], counts['error-render'], counts['skip']))
for mod in sorted(by_module):
    c = by_module[mod]
    lines.append('#   %-40s %4d/%-4d' % (mod, c['pass'], sum(c.values())))
for tid, (o, detail) in result.outcomes.items():
    lines.append('%s %s' % (o, tid))
    if opts.verbose and o != 'pass':
        for d in detail.splitlines()[:6]:
            lines.append('    | ' + d[:300])
text = '\n'.join(lines) + '\n'
if opts.out:
    with open(opts.out, 'w') as f:
        f.write(text)
print('\n'.join(lines[:2]))
if not opts.out:
    print(text)
server.proc.stdin.close()
server.proc.wait()
if opts.expect:
    with open(opts.expect) as f:
        before = {line.split()[1] for line in f if line.startswith('pass ')}
    lost = sorted(t for t in before if result.outcomes.get(t, ('missing',))[0] != 'pass')
    for t in lost:
        print('no longer passes:', t, '--', result.outcomes.get(t, ('missing', ''))[1].splitlines()[:1])
    gained = sum(1 for t, (o, _) in result.outcomes.items() if o == 'pass' and t not in before)
    print('%d tests no longer pass; %d pass that did not' % (len(lost), gained))
    sys.exit(1 if lost else 0)
