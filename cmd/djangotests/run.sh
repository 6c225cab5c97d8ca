#!/usr/bin/env bash
# Runs Django's own template tests against braid, and checks braid's gettext
# reader against Python's on Django's catalogs (see README.md here).
#
#   cmd/djangotests/run.sh [runner.py flags]      e.g. -v, --sequential, --expect FILE
#
# DJANGO_SRC names an unpacked Django source tree; without it, the script
# fetches Debian's (python-django, as `apt-get source` does) into
# $TMPDIR/braid-django. Debian's python3-asgiref, python3-tz and
# python3-sqlparse are installed when missing (Django's own dependencies).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${TMPDIR:-/tmp}/braid-django
mkdir -p "$work"
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

if ! /usr/bin/python3 -c 'import asgiref, pytz, sqlparse' 2>/dev/null; then
	$sudo apt-get install -y -qq python3-asgiref python3-tz python3-sqlparse >/dev/null
fi

src=${DJANGO_SRC:-}
if [ -z "$src" ]; then
	if ! ls "$work"/Django-*/tests/runtests.py >/dev/null 2>&1; then
		if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
			$sudo tee /etc/apt/sources.list.d/braid-deb-src.sources >/dev/null <<-SRC
			Types: deb-src
			URIs: http://deb.debian.org/debian
			Suites: bookworm
			Components: main
			Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
			SRC
			$sudo apt-get update -qq
		fi
		# Only the upstream tarball is needed: Debian's patches do not
		# touch the template tests, and a missing .dsc is not fatal.
		(cd "$work" && apt-get source -qq --download-only python-django >/dev/null 2>&1 || true)
		tar -xzf "$(ls "$work"/python-django_*.orig.tar.gz | tail -1)" -C "$work"
	fi
	src=$(ls -d "$work"/Django-*/ | tail -1)
fi

(cd "$root" && go build -o "$work/djangotests" ./cmd/djangotests)
/usr/bin/python3 "$here/runner.py" --django "$src" --server "$work/djangotests" "$@"
# braid's gettext reader against Python's, on every catalog Django ships.
/usr/bin/python3 "$here/catalogs.py" "$src/django/conf/locale" "$work/djangotests"
