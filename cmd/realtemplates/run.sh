#!/usr/bin/env bash
# Compiles with braid the templates that Django 3.2's contrib apps and forms,
# django-allauth, django-debug-toolbar and django-crispy-forms ship, as Debian
# packages them (see main.go); writes the report to the file given (default:
# stdout) and exits 1 if any template does not compile.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-/dev/stdout}
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
pkgs=/usr/lib/python3/dist-packages
if ! [ -d $pkgs/allauth ] || ! [ -d $pkgs/crispy_forms ] || ! [ -d $pkgs/debug_toolbar ] || ! [ -d $pkgs/django ]; then
	$sudo apt-get install -y -qq python3-django python3-django-allauth python3-django-debug-toolbar \
		python3-django-crispy-forms >/dev/null
fi
libs=$(mktemp)
trap 'rm -f "$libs"' EXIT
/usr/bin/python3 "$here/libs.py" allauth allauth.account allauth.socialaccount debug_toolbar crispy_forms >"$libs"
cd "$root"
report=$(go run ./cmd/realtemplates -libs "$libs" $pkgs/django $pkgs/allauth $pkgs/debug_toolbar $pkgs/crispy_forms)
echo "$report" >"$out"
echo "$report" | tail -1
! echo "$report" | grep -q '^  '
