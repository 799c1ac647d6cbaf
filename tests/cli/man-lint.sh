#!/bin/sh
# tests/cli/man-lint.sh: the manual page is mdoc, has the sections it
# promises, and formats without a single warning (groff always; mandoc's
# linter too where it is installed).  TAP on stdout; exits 0.

LC_ALL=C
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
PAGE=$TOP_SRCDIR/man/ocf-check.1

. "$TOP_SRCDIR/tests/tap.sh"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-man.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM HUP

if [ ! -r "$PAGE" ]; then
	echo "1..0 # SKIP no manual page at $PAGE"
	exit 0
fi

# 1: the mdoc prologue, in mdoc's order
if sed -n '/^\.[A-Za-z]/{p;}' "$PAGE" | sed -n '1,3p' |
    cut -c1-3 | tr '\n' ' ' | grep -qx '\.Dd \.Dt \.Os '; then
	ok "prologue is .Dd, .Dt, .Os"
else
	not_ok "prologue is .Dd, .Dt, .Os"
fi
if grep -qx '\.Dt OCF-CHECK 1' "$PAGE"; then
	ok ".Dt OCF-CHECK 1"
else
	not_ok ".Dt OCF-CHECK 1"
fi

# 2: every section the page promises
for sh in NAME SYNOPSIS DESCRIPTION OPTIONS CHECKS "HOW A RUN WORKS" \
    ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO" STANDARDS; do
	if grep -qx "\\.Sh $sh" "$PAGE"; then
		ok "section $sh"
	else
		not_ok "section $sh"
	fi
done

# 3: groff formats it without warnings
if command -v groff >/dev/null 2>&1; then
	groff -mdoc -ww -z "$PAGE" >"$TMP/groff" 2>&1
	rc=$?
	if [ "$rc" = 0 ] && [ ! -s "$TMP/groff" ]; then
		ok "groff -mdoc -ww -z prints nothing"
	else
		not_ok "groff -mdoc -ww -z prints nothing"
		echo "# groff exited $rc:"
		diag_file "$TMP/groff"
	fi
else
	skip "groff is not installed"
fi

# 4: mandoc's linter (warnings and worse; its style notes and complaints
# about the system's manual database are not the page's fault)
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$PAGE" >"$TMP/mandoc" 2>&1
	rc=$?
	grep -v 'mandoc\.db' "$TMP/mandoc" >"$TMP/mandoc.own"
	if [ "$rc" = 0 ] && [ ! -s "$TMP/mandoc.own" ]; then
		ok "mandoc -Tlint finds no warnings"
	else
		not_ok "mandoc -Tlint finds no warnings"
		echo "# mandoc exited $rc:"
		diag_file "$TMP/mandoc.own"
	fi
else
	skip "mandoc is not installed"
fi

echo "1..$TESTNUM"
exit 0
