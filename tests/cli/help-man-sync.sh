#!/bin/sh
# tests/cli/help-man-sync.sh: the manual page and the program cannot drift
# apart.  Every option that `ocf-check --help` prints is documented in
# man/ocf-check.1, every option the page names exists, the page lists
# every group of check ids that --list-checks prints (and no other), and
# its EXIT STATUS section has exactly the values of enum oc_exit.
# TAP on stdout; exits 0.

LC_ALL=C
export LC_ALL
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
: "${OCF_CHECK:=$TOP_BUILDDIR/ocf-check}"
PAGE=$TOP_SRCDIR/man/ocf-check.1

. "$TOP_SRCDIR/tests/tap.sh"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ocf-check-sync.XXXXXX") || {
	echo "Bail out! cannot create a temporary directory"
	exit 1
}
trap 'rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM HUP

# in_list WORD FILE: is WORD a whole line of FILE?
in_list() {
	grep -qxF -e "$1" "$2"
}

# compare WHAT A-NAME A-FILE B-NAME B-FILE: one test per line of A-FILE,
# passing when B-FILE has it too.
compare() {
	what=$1
	aname=$2
	afile=$3
	bname=$4
	bfile=$5
	if [ ! -s "$afile" ]; then
		not_ok "$aname lists some $what"
		return
	fi
	while IFS= read -r w; do
		if in_list "$w" "$bfile"; then
			ok "$what $w ($aname) is in $bname"
		else
			not_ok "$what $w ($aname) is in $bname"
		fi
	done <"$afile"
}

if [ ! -r "$PAGE" ]; then
	echo "1..0 # SKIP no manual page at $PAGE"
	exit 0
fi

# What the page says.
grep -oE 'Fl -[a-z][a-z0-9-]*' "$PAGE" | sed 's/^Fl -/--/' | sort -u \
    >"$TMP/man-long"
sed -n 's/^\.It Fl \([A-Za-z]\)\( .*\)\{0,1\}$/-\1/p' "$PAGE" | sort -u \
    >"$TMP/man-short"
sed -n '/^\.Sh CHECKS$/,/^\.Sh /{/^\.It Li /p;}' "$PAGE" |
    grep -oE '[a-z][a-z0-9-]*\.\*' | sed 's/\.\*$//' | sort -u \
    >"$TMP/man-groups"
sed -n '/^\.Sh EXIT STATUS$/,/^\.Sh /s/^\.It \([0-9][0-9]*\)$/\1/p' "$PAGE" |
    sort -u >"$TMP/man-exits"

# What the program says.
if [ -x "$OCF_CHECK" ] &&
    timeout -k 5 30 "$OCF_CHECK" --help >"$TMP/help" 2>"$TMP/help.err" &&
    [ -s "$TMP/help" ]; then
	grep -oE -- '--[a-z][a-z0-9-]*' "$TMP/help" | sort -u >"$TMP/help-long"
	sed -n 's/^ *\(-[A-Za-z]\)[ ,].*/\1/p' "$TMP/help" | sort -u \
	    >"$TMP/help-short"
	compare "long option" "--help" "$TMP/help-long" "the man page" \
	    "$TMP/man-long"
	compare "long option" "man page" "$TMP/man-long" "--help" \
	    "$TMP/help-long"
	compare "short option" "--help" "$TMP/help-short" "the man page" \
	    "$TMP/man-short"
	compare "short option" "man page" "$TMP/man-short" "--help" \
	    "$TMP/help-short"
else
	not_ok "ocf-check --help prints the options"
	echo "# no usable $OCF_CHECK --help:"
	diag_file "$TMP/help.err"
fi

if [ -x "$OCF_CHECK" ] &&
    timeout -k 5 30 "$OCF_CHECK" --list-checks >"$TMP/list" \
    2>"$TMP/list.err" && [ -s "$TMP/list" ]; then
	awk '{ print $1 }' "$TMP/list" | sed 's/\..*//' | sort -u \
	    >"$TMP/list-groups"
	compare "check group" "--list-checks" "$TMP/list-groups" \
	    "the man page's CHECKS" "$TMP/man-groups"
	compare "check group" "man page" "$TMP/man-groups" "--list-checks" \
	    "$TMP/list-groups"
else
	not_ok "ocf-check --list-checks lists checks"
	diag_file "$TMP/list.err"
fi

# The exit statuses: enum oc_exit in src/opts.h against EXIT STATUS.
if [ -r "$TOP_SRCDIR/src/opts.h" ]; then
	sed -n 's/^[[:space:]]*OC_EXIT_[A-Z_]*[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' \
	    "$TOP_SRCDIR/src/opts.h" | sort -u >"$TMP/src-exits"
	if [ -s "$TMP/src-exits" ] && cmp -s "$TMP/src-exits" "$TMP/man-exits"
	then
		ok "EXIT STATUS lists exactly the values of enum oc_exit"
	else
		not_ok "EXIT STATUS lists exactly the values of enum oc_exit"
		echo "# src/opts.h: $(tr '\n' ' ' <"$TMP/src-exits")"
		echo "# man page:   $(tr '\n' ' ' <"$TMP/man-exits")"
	fi
else
	skip "no src/opts.h to compare the exit statuses with"
fi

echo "1..$TESTNUM"
exit 0
