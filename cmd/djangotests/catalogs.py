#!/usr/bin/env python3
"""Checks braid's gettext reader against Python's on Django's own catalogs.

    catalogs.py LOCALE_DIR SERVER

LOCALE_DIR is Django's django/conf/locale (every language Django ships,
with a django.po and django.mo each); SERVER is the djangotests program,
run with -catalogs LOCALE_DIR. For every language, every message of its
catalog (with its context, and for plural messages a range of counts that
exercises each language's Plural-Forms rule) is translated by Python's
gettext (as Django loads it: gettext.translation, the base language as the
fallback of a regional one) and by braid; the two must agree.
"""
import gettext
import json
import os
import subprocess
import sys

locale_dir, server = sys.argv[1], sys.argv[2]
proc = subprocess.Popen([server, '-catalogs', locale_dir], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, text=True, encoding='utf-8', bufsize=1)


def braid(lang, ctx, msgid, plural='', n=0):
    proc.stdin.write(json.dumps({'lang': lang, 'ctx': ctx, 'msgid': msgid, 'plural': plural, 'n': n}) + '\n')
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())['result']


counts = list(range(0, 32)) + [100, 101, 102, 105, 111, 112, 121, 1000, 1001, 1000000]
checked = diffs = langs = translated = 0
for loc in sorted(os.listdir(locale_dir)):
    if not os.path.exists(os.path.join(locale_dir, loc, 'LC_MESSAGES', 'django.mo')):
        continue
    langs += 1
    lang = loc.lower().replace('_', '-')
    t = gettext.translation('django', locale_dir, languages=[loc], fallback=True)
    msgids = set()
    tr = t
    while tr is not None:
        msgids.update(getattr(tr, '_catalog', {}).keys())
        tr = getattr(tr, '_fallback', None)
    for key in sorted(msgids, key=repr):
        plural = isinstance(key, tuple)
        msgid = key[0] if plural else key
        if msgid == '':
            continue  # the header
        ctx, sep, rest = msgid.partition('\x04')
        if not sep:
            ctx, rest = '', msgid
        if plural:
            if key[1] != 0:
                continue
            for n in counts:
                want = t.npgettext(ctx, rest, rest + ' (plural)', n) if ctx else t.ngettext(rest, rest + ' (plural)', n)
                got = braid(lang, ctx, rest, rest + ' (plural)', n)
                checked += 1
                translated += want not in (rest, rest + ' (plural)')
                if got != want:
                    diffs += 1
                    if diffs <= 20:
                        print('DIFF %s n=%d %r: braid %r, Python %r' % (lang, n, rest, got, want))
        else:
            want = t.pgettext(ctx, rest) if ctx else t.gettext(rest)
            got = braid(lang, ctx, rest)
            checked += 1
            translated += want != rest
            if got != want:
                diffs += 1
                if diffs <= 20:
                    print('DIFF %s %r: braid %r, Python %r' % (lang, rest, got, want))
proc.stdin.close()
proc.wait()
print('%d languages, %d lookups checked (%d of them translated, not the message itself), %d differ' % (
    langs, checked, translated, diffs))
sys.exit(1 if diffs or proc.returncode else 0)
